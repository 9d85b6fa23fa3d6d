package org.twimbot.it;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Small distinct PNG pictures, so that a file in a bundle can be matched to the one uploaded. */
final class Pictures {
    private Pictures() {}

    static byte[] png(int seed) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                image.setRGB(
                        x, y, new Color((seed * 37 + x * 13) % 256, (seed * 91 + y * 7) % 256, seed % 256).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
