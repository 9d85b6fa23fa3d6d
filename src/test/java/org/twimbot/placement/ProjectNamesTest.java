package org.twimbot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twimbot.catalog.Catalog;
import org.twimbot.catalog.HebbotImport;
import org.twimbot.catalog.Project;
import org.twimbot.catalog.Section;

class ProjectNamesTest {
    private final Section servers = new Section("servers", "🏢", "Dept of Servers 🏢", 30, List.of());
    private final Project synapse =
            new Project("Synapse", "Synapse", "A homeserver", "", "servers", List.of("matrix-synapse"), List.of());
    private final Project cpp = new Project("libQuotient", "C++ SDK", "", "", "servers", List.of("C++"), List.of());
    private final Project heart = new Project("❤️", "Hearts", "", "", "servers", List.of(), List.of());
    private final ProjectNames names = new ProjectNames(new Catalog(List.of(servers), List.of(synapse, cpp, heart)));

    private List<Project> projects(String text) {
        return names.find(text).stream()
                .map(ProjectNames.Hit::project)
                .distinct()
                .toList();
    }

    @Test
    void namesMatchAsWholeWordsWithTheirCharactersTakenLiterally() {
        assertEquals(List.of(synapse), projects("Synapse 1.70 is out"));
        assertEquals(List.of(synapse), projects("we packaged matrix-synapse for Debian"));
        assertEquals(List.of(cpp), projects("a new C++ release"));
        assertEquals(List.of(), projects("see libC++abi and C++abc"));
        assertEquals(List.of(), projects("Synapsed and unsynapse"));
        assertEquals(List.of(), projects("❤️ everyone"), "an emoji key is no name a text can hold");
    }

    /**
     * A name's pattern is tried only where its first word stands; a text whose lower-case form has another length
     * is scanned whole instead. Both ways must find the same names: the tail " İ" (two characters in lower case)
     * sends the same text down the second way, on the real TWIM catalog.
     */
    @Test
    void tryingNamesOnlyWhereTheirFirstWordStandsFindsWhatAWholeScanFinds() throws Exception {
        HebbotImport.Result twim = HebbotImport.readConfig(Path.of(
                getClass().getResource("/org/twimbot/catalog/twim-config.toml").toURI()));
        ProjectNames twimNames = new ProjectNames(new Catalog(twim.sections(), twim.projects()));
        String[] glue = {" ", "", "-", "_", ".", "'s ", "/", "é", "2", "\u00A0", "(", ")", ", ", "\n", "🚀", "ǅ", "ß"};
        List<String> all = new ArrayList<>();
        for (Project p : twim.projects()) all.addAll(ProjectNames.names(p));
        Random random = new Random(7);
        int withHits = 0;
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                String name = all.get(random.nextInt(all.size()));
                if (random.nextInt(3) == 0) name = name.toUpperCase(Locale.ROOT);
                if (random.nextInt(4) == 0 && name.length() > 2) name = name.substring(0, name.length() - 1);
                text.append(glue[random.nextInt(glue.length)]).append(name).append(glue[random.nextInt(glue.length)]);
            }
            String t = text.toString();
            List<ProjectNames.Hit> aligned = twimNames.find(t);
            assertEquals(aligned, twimNames.find(t + " İ"), t);
            if (!aligned.isEmpty()) withHits++;
        }
        assertTrue(withHits > 1_000, "the texts exercise matches too: " + withHits);
    }
}
