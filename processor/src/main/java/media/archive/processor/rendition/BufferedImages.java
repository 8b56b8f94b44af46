package media.archive.processor.rendition;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;

/** Brings decoded pictures, whatever their colour model, into the one JPEG renditions are made from. */
final class BufferedImages {
    private BufferedImages() {
    }

    /**
     * {@code image} as opaque 8-bit sRGB: pictures in another RGB profile (Adobe RGB, Display P3)
     * are converted, transparency is laid on white (what a page shows behind it), grey and 16-bit
     * pictures are drawn into RGB.
     */
    static BufferedImage opaqueSrgb(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if ((image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR)
                && space.isCS_sRGB()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        if (!image.getColorModel().hasAlpha() && space.getType() == ColorSpace.TYPE_RGB && !space.isCS_sRGB()) {
            return new ColorConvertOp(null).filter(image, rgb);
        }
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
