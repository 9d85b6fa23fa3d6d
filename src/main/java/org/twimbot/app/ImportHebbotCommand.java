package org.twimbot.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Placeholder replaced when the hebbot importer lands. */
@CommandLine.Command(name = "import-hebbot", hidden = true)
final class ImportHebbotCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
