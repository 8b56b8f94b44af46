package media.archive.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the processor read from an image: its pixels' size and the credits, captions, rights
 * and camera data embedded as EXIF, IPTC-IIM and XMP, reconciled as the Metadata Working Group
 * prescribes, cleaned by the newsroom's rules, with values supplied at upload applied on top.
 *
 * <p>{@code raw} keeps, by field name, the reconciled values before cleaning; {@code provenance}
 * names where each value came from ({@code EXIF:Artist}, {@code IPTC:By-line},
 * {@code XMP:dc:creator}, {@code upload:creator}); {@code warnings} lists what was wrong with
 * the file but did not stop it being processed. Dates are ISO-8601 text as written in the file
 * (with an offset only when the file has one). Build one with {@link #builder()}: new fields
 * are added over time and the builder keeps callers compiling.
 */
public record ImageMetadata(
        Integer width,
        Integer height,
        Integer orientation,
        List<String> creator,
        String creatorJobTitle,
        String credit,
        String creditLine,
        String source,
        String copyright,
        String usageTerms,
        String webStatement,
        String licensorUrl,
        String instructions,
        Instant embargoUntil,
        String withheld,
        String description,
        String headline,
        String title,
        List<String> keywords,
        String city,
        String state,
        String country,
        String countryCode,
        String location,
        String altText,
        String digitalSourceType,
        String dateTaken,
        String make,
        String model,
        String lens,
        String exposureTime,
        Double fNumber,
        Integer iso,
        Double focalLength,
        Double gpsLatitude,
        Double gpsLongitude,
        String iccProfile,
        Integer rating,
        Map<String, Object> raw,
        Map<String, String> provenance,
        List<String> warnings) {

    public ImageMetadata {
        creator = creator == null ? List.of() : List.copyOf(creator);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        raw = raw == null ? Map.of() : Map.copyOf(raw);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Metadata with nothing known yet. */
    public static final ImageMetadata EMPTY = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this metadata's values, to change a few of them. */
    public Builder toBuilder() {
        return new Builder()
                .width(width)
                .height(height)
                .orientation(orientation)
                .creator(creator)
                .creatorJobTitle(creatorJobTitle)
                .credit(credit)
                .creditLine(creditLine)
                .source(source)
                .copyright(copyright)
                .usageTerms(usageTerms)
                .webStatement(webStatement)
                .licensorUrl(licensorUrl)
                .instructions(instructions)
                .embargoUntil(embargoUntil)
                .withheld(withheld)
                .description(description)
                .headline(headline)
                .title(title)
                .keywords(keywords)
                .city(city)
                .state(state)
                .country(country)
                .countryCode(countryCode)
                .location(location)
                .altText(altText)
                .digitalSourceType(digitalSourceType)
                .dateTaken(dateTaken)
                .make(make)
                .model(model)
                .lens(lens)
                .exposureTime(exposureTime)
                .fNumber(fNumber)
                .iso(iso)
                .focalLength(focalLength)
                .gpsLatitude(gpsLatitude)
                .gpsLongitude(gpsLongitude)
                .iccProfile(iccProfile)
                .rating(rating)
                .raw(raw)
                .provenance(provenance)
                .warnings(warnings);
    }

    /** Whether the digital source type says generative AI made or edited the image (IPTC NewsCodes). */
    public boolean madeWithGenerativeAi() {
        // https://cv.iptc.org/newscodes/digitalsourcetype/: "trainedAlgorithmicMedia" (made by
        // generative AI) and "compositeWithTrainedAlgorithmicMedia" (edited with it).
        return digitalSourceType != null && digitalSourceType.endsWith("rainedAlgorithmicMedia");
    }

    /** Builds an {@link ImageMetadata}; not thread-safe. */
    public static final class Builder {
        private Integer width;
        private Integer height;
        private Integer orientation;
        private List<String> creator;
        private String creatorJobTitle;
        private String credit;
        private String creditLine;
        private String source;
        private String copyright;
        private String usageTerms;
        private String webStatement;
        private String licensorUrl;
        private String instructions;
        private Instant embargoUntil;
        private String withheld;
        private String description;
        private String headline;
        private String title;
        private List<String> keywords;
        private String city;
        private String state;
        private String country;
        private String countryCode;
        private String location;
        private String altText;
        private String digitalSourceType;
        private String dateTaken;
        private String make;
        private String model;
        private String lens;
        private String exposureTime;
        private Double fNumber;
        private Integer iso;
        private Double focalLength;
        private Double gpsLatitude;
        private Double gpsLongitude;
        private String iccProfile;
        private Integer rating;
        private Map<String, Object> raw;
        private Map<String, String> provenance;
        private List<String> warnings;

        private Builder() {
        }

        /** Pixels across, as displayed (after orientation). */
        public Builder width(Integer width) {
            this.width = width;
            return this;
        }

        /** Pixels down, as displayed (after orientation). */
        public Builder height(Integer height) {
            this.height = height;
            return this;
        }

        /** EXIF orientation 1-8. */
        public Builder orientation(Integer orientation) {
            this.orientation = orientation;
            return this;
        }

        /** The photographers, in the order the file names them. */
        public Builder creator(List<String> creator) {
            this.creator = creator;
            return this;
        }

        /** The creator's job title (IPTC By-line Title). */
        public Builder creatorJobTitle(String creatorJobTitle) {
            this.creatorJobTitle = creatorJobTitle;
            return this;
        }

        /** Credit line as the file gives it (IPTC Credit). */
        public Builder credit(String credit) {
            this.credit = credit;
            return this;
        }

        /** The line to publish beside the picture, built from creator and credit. */
        public Builder creditLine(String creditLine) {
            this.creditLine = creditLine;
            return this;
        }

        /** Who holds the original (IPTC Source). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** Copyright notice. */
        public Builder copyright(String copyright) {
            this.copyright = copyright;
            return this;
        }

        /** Rights usage terms. */
        public Builder usageTerms(String usageTerms) {
            this.usageTerms = usageTerms;
            return this;
        }

        /** The web page stating the rights and licence (XMP {@code xmpRights:WebStatement}). */
        public Builder webStatement(String webStatement) {
            this.webStatement = webStatement;
            return this;
        }

        /** Where a licence can be had (IPTC Extension {@code plus:Licensor/plus:LicensorURL}). */
        public Builder licensorUrl(String licensorUrl) {
            this.licensorUrl = licensorUrl;
            return this;
        }

        /**
         * The instant before which no public route serves the picture (null: none). Set at
         * upload, by an editor, or read from the special instructions.
         */
        public Builder embargoUntil(Instant embargoUntil) {
            this.embargoUntil = embargoUntil;
            return this;
        }

        /**
         * Why the picture is withheld from the public (null: it is not), such as a court order:
         * until an editor releases it, no public route serves it. The reason is for editors only.
         */
        public Builder withheld(String withheld) {
            this.withheld = withheld;
            return this;
        }

        /** Special instructions. */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        /** Caption. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Headline. */
        public Builder headline(String headline) {
            this.headline = headline;
            return this;
        }

        /** Title or object name. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Keywords. */
        public Builder keywords(List<String> keywords) {
            this.keywords = keywords;
            return this;
        }

        /** City shown. */
        public Builder city(String city) {
            this.city = city;
            return this;
        }

        /** Province or state shown. */
        public Builder state(String state) {
            this.state = state;
            return this;
        }

        /** Country shown, as a name. */
        public Builder country(String country) {
            this.country = country;
            return this;
        }

        /** ISO country code. */
        public Builder countryCode(String countryCode) {
            this.countryCode = countryCode;
            return this;
        }

        /** Sub-location shown. */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /** IPTC alt text, for accessibility. */
        public Builder altText(String altText) {
            this.altText = altText;
            return this;
        }

        /** IPTC digital source type (says whether generative AI made or edited it). */
        public Builder digitalSourceType(String digitalSourceType) {
            this.digitalSourceType = digitalSourceType;
            return this;
        }

        /** ISO-8601, with an offset only when the file has one. */
        public Builder dateTaken(String dateTaken) {
            this.dateTaken = dateTaken;
            return this;
        }

        /** Camera maker. */
        public Builder make(String make) {
            this.make = make;
            return this;
        }

        /** Camera model. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** Lens. */
        public Builder lens(String lens) {
            this.lens = lens;
            return this;
        }

        /** Shutter speed, such as 1/250. */
        public Builder exposureTime(String exposureTime) {
            this.exposureTime = exposureTime;
            return this;
        }

        /** Aperture f-number. */
        public Builder fNumber(Double fNumber) {
            this.fNumber = fNumber;
            return this;
        }

        /** ISO speed. */
        public Builder iso(Integer iso) {
            this.iso = iso;
            return this;
        }

        /** Focal length in millimetres. */
        public Builder focalLength(Double focalLength) {
            this.focalLength = focalLength;
            return this;
        }

        /** Decimal degrees, north positive. */
        public Builder gpsLatitude(Double gpsLatitude) {
            this.gpsLatitude = gpsLatitude;
            return this;
        }

        /** Decimal degrees, east positive. */
        public Builder gpsLongitude(Double gpsLongitude) {
            this.gpsLongitude = gpsLongitude;
            return this;
        }

        /** ICC profile description. */
        public Builder iccProfile(String iccProfile) {
            this.iccProfile = iccProfile;
            return this;
        }

        /** Rating 0-5 (-1 rejected). */
        public Builder rating(Integer rating) {
            this.rating = rating;
            return this;
        }

        /** Reconciled values before newsroom cleaning, by field name. */
        public Builder raw(Map<String, Object> raw) {
            this.raw = raw;
            return this;
        }

        /** Where each value came from, by field name. */
        public Builder provenance(Map<String, String> provenance) {
            this.provenance = provenance;
            return this;
        }

        /** What was wrong with the file but did not stop it. */
        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        public ImageMetadata build() {
            return new ImageMetadata(width, height, orientation, creator, creatorJobTitle, credit, creditLine, source, copyright, usageTerms, webStatement, licensorUrl, instructions, embargoUntil, withheld, description, headline, title, keywords, city, state, country, countryCode, location, altText, digitalSourceType, dateTaken, make, model, lens, exposureTime, fNumber, iso, focalLength, gpsLatitude, gpsLongitude, iccProfile, rating, raw, provenance, warnings);
        }
    }
}
