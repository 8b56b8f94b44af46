package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each cleaning rule, on credit strings taken from real files (named beside each). */
class NewsroomCleaningTest {
    private static FieldValues values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
            provenance.put((String) pairs[i], "IPTC:" + pairs[i]);
        }
        return new FieldValues(values, provenance);
    }

    @Test
    void blank_values_treats_a_lone_dash_or_dot_as_empty() {
        // Getty's feed (grid_getty.jpg) writes "-" into fields it has nothing for.
        FieldValues v = values("location", "-", "instructions", " . ", "headline", "Austria's Matthias Mayer attends the men");

        new CleaningRules.BlankValues().apply(v);

        assertThat(v.text(Field.LOCATION)).isNull();
        assertThat(v.text(Field.INSTRUCTIONS)).isNull();
        assertThat(v.provenance()).doesNotContainKeys("location", "instructions");
        assertThat(v.text(Field.HEADLINE)).isEqualTo("Austria's Matthias Mayer attends the men");
    }

    @Test
    void copyright_prefix_is_stripped_from_credit_and_creator() {
        // exr_iptc-independent-photographer-example.jpg's credit; a corpus file's By-line-style copyright.
        FieldValues v = values("credit", "©1985 David Riecks: www.riecks.com", "creator", List.of("© 2010 Eric Piasecki"));

        new CleaningRules.CopyrightPrefix().apply(v);

        assertThat(v.text(Field.CREDIT)).isEqualTo("David Riecks: www.riecks.com");
        assertThat(v.list(Field.CREATOR)).containsExactly("Eric Piasecki");
        assertThat(CleaningRules.CopyrightPrefix.strip("(c) Copyright Mugwum Press")).isEqualTo("Copyright Mugwum Press");
        assertThat(CleaningRules.CopyrightPrefix.strip("Copyright 2009 by Julie Doe")).isEqualTo("Julie Doe");
    }

    @Test
    void byline_split_moves_the_agency_out_of_the_byline_into_an_empty_credit() {
        // The Getty/AFP caption of grid_getty.jpg ends with this byline; Reuters captions end with "REUTERS/Name".
        FieldValues getty = values("creator", List.of("CHRISTOF STACHE/AFP/Getty Images"));
        FieldValues reuters = values("creator", List.of("REUTERS/Yuriko Nakao"));

        new CleaningRules.BylineSplit().apply(getty);
        new CleaningRules.BylineSplit().apply(reuters);

        assertThat(getty.list(Field.CREATOR)).containsExactly("CHRISTOF STACHE");
        assertThat(getty.text(Field.CREDIT)).isEqualTo("AFP/Getty Images");
        assertThat(getty.provenance()).containsEntry("credit", "IPTC:creator");
        assertThat(reuters.list(Field.CREATOR)).containsExactly("Yuriko Nakao");
        assertThat(reuters.text(Field.CREDIT)).isEqualTo("REUTERS");
    }

    @Test
    void byline_split_reads_via_and_dash_forms_and_keeps_a_credit_the_file_has() {
        FieldValues via = values("creator", List.of("Yuriko Nakao via Reuters"));
        FieldValues dash = values("creator", List.of("Julie Doe - Mugwum Press"), "credit", "Mugwum Press Ltd");

        new CleaningRules.BylineSplit().apply(via);
        new CleaningRules.BylineSplit().apply(dash);

        assertThat(via.list(Field.CREATOR)).containsExactly("Yuriko Nakao");
        assertThat(via.text(Field.CREDIT)).isEqualTo("Reuters");
        assertThat(dash.list(Field.CREATOR)).containsExactly("Julie Doe");
        assertThat(dash.text(Field.CREDIT)).isEqualTo("Mugwum Press Ltd");
    }

    @Test
    void byline_split_drops_the_creators_name_from_a_name_slash_agency_credit() {
        // frp_exif.JPG: By-line "Daniel Chesterton", Credit "Daniel Chesterton/phcimages.com".
        FieldValues v = values("creator", List.of("Daniel Chesterton"), "credit", "Daniel Chesterton/phcimages.com");

        new CleaningRules.BylineSplit().apply(v);

        assertThat(v.list(Field.CREATOR)).containsExactly("Daniel Chesterton");
        assertThat(v.text(Field.CREDIT)).isEqualTo("phcimages.com");
    }

    @Test
    void byline_split_leaves_an_agency_pair_and_hyphenated_names_alone() {
        // grid_getty.jpg's credit; a hyphenated name is no "Name - Agency".
        FieldValues v = values("credit", "AFP/Getty Images", "creator", List.of("Jean-Pierre Dupont"));

        new CleaningRules.BylineSplit().apply(v);

        assertThat(v.text(Field.CREDIT)).isEqualTo("AFP/Getty Images");
        assertThat(v.list(Field.CREATOR)).containsExactly("Jean-Pierre Dupont");
    }

    @Test
    void placeholder_names_are_no_bylines_and_no_credits() {
        // grid_getty.jpg names its photographer's position "Stringer"; AFP's wire credits unnamed shots "STR/AFP".
        FieldValues v = values("creator", List.of("Stringer", "Christof Stache"), "credit", "STR/AFP/Getty Images");
        FieldValues handout = values("creator", List.of("HANDOUT"), "credit", "Handout");

        new CleaningRules.PlaceholderNames().apply(v);
        new CleaningRules.PlaceholderNames().apply(handout);

        assertThat(v.list(Field.CREATOR)).containsExactly("Christof Stache");
        assertThat(v.text(Field.CREDIT)).isEqualTo("AFP/Getty Images");
        assertThat(handout.list(Field.CREATOR)).isEmpty();
        assertThat(handout.text(Field.CREDIT)).isNull();
    }

    @Test
    void agency_names_are_written_the_way_the_agencies_write_them() {
        // The Reuters wire photo's Credit; grid_pa.jpg's Credit and Source; grid_getty.jpg's credit.
        FieldValues reuters = values("credit", "REUTERS");
        FieldValues pa = values("credit", "PA", "source", "PA");
        FieldValues getty = values("credit", "AFP/Getty Images", "source", "Getty Images Europe");

        new CleaningRules.AgencyNames().apply(reuters);
        new CleaningRules.AgencyNames().apply(pa);
        new CleaningRules.AgencyNames().apply(getty);

        assertThat(reuters.text(Field.CREDIT)).isEqualTo("Reuters");
        assertThat(pa.text(Field.CREDIT)).isEqualTo("PA Media");
        assertThat(pa.text(Field.SOURCE)).isEqualTo("PA Media");
        assertThat(getty.text(Field.CREDIT)).isEqualTo("AFP/Getty Images");
        assertThat(getty.text(Field.SOURCE)).isEqualTo("Getty Images Europe");
        assertThat(CleaningRules.AgencyNames.canonical("Associated Press")).isEqualTo("AP");
        assertThat(CleaningRules.AgencyNames.canonical("Thomson Reuters")).isEqualTo("Reuters");
        assertThat(CleaningRules.AgencyNames.canonical("Gety Images")).isEqualTo("Getty Images");
        assertThat(CleaningRules.AgencyNames.canonical("epa-efe")).isEqualTo("EPA");
        assertThat(CleaningRules.AgencyNames.canonical("Agence France-Presse")).isEqualTo("AFP");
    }

    @Test
    void country_names_expand_a_country_given_as_a_code() {
        // grid_getty.jpg: Iptc4xmpCore:CountryCode "AUT"; the Reuters wire photo: "JPN".
        FieldValues onlyCode = values("countryCode", "AUT");
        FieldValues codeAsCountry = values("country", "JPN");

        new CleaningRules.CountryNames().apply(onlyCode);
        new CleaningRules.CountryNames().apply(codeAsCountry);

        assertThat(onlyCode.text(Field.COUNTRY)).isEqualTo("Austria");
        assertThat(onlyCode.provenance()).containsEntry("country", "IPTC:countryCode");
        assertThat(codeAsCountry.text(Field.COUNTRY)).isEqualTo("Japan");
        assertThat(codeAsCountry.text(Field.COUNTRY_CODE)).isEqualTo("JPN");
    }

    @Test
    void name_case_title_cases_names_in_capitals_and_keeps_particles_lower_case() {
        // The Reuters wire photo's By-line and City; grid_getty.jpg's city.
        FieldValues v = values("creator", List.of("YURIKO NAKAO", "ludwig van der berg", "Julie McDoe"), "city", "KITZBUEHEL");

        new CleaningRules.NameCase().apply(v);

        assertThat(v.list(Field.CREATOR)).containsExactly("Yuriko Nakao", "Ludwig van der Berg", "Julie McDoe");
        assertThat(v.text(Field.CITY)).isEqualTo("Kitzbuehel");
        assertThat(CleaningRules.NameCase.titleCase("MARTIN O'NEILL")).isEqualTo("Martin O'Neill");
        assertThat(CleaningRules.NameCase.titleCase("AFP")).isEqualTo("AFP");
        assertThat(CleaningRules.NameCase.titleCase("ট্রান ট্রুং")).isEqualTo("ট্রান ট্রুং");
    }

    @Test
    void the_credit_line_leaves_out_empty_and_repeated_parts() {
        NewsroomCleaning cleaning = NewsroomCleaning.defaults();

        assertThat(cleaning.creditLine(values("creator", List.of("Tran Trung")))).isEqualTo("Photo: Tran Trung");
        assertThat(cleaning.creditLine(values("credit", "Reuters"))).isEqualTo("Photo: Reuters");
        assertThat(cleaning.creditLine(values("creator", List.of("Yuriko Nakao"), "credit", "Reuters")))
                .isEqualTo("Photo: Yuriko Nakao / Reuters");
        // grid_rgb-with-cmyk-profile.jpg: the same name in both fields.
        assertThat(cleaning.creditLine(values("creator", List.of("RACINGFOTOS.COM"), "credit", "RACINGFOTOS.COM")))
                .isEqualTo("Photo: RACINGFOTOS.COM");
        assertThat(cleaning.creditLine(values())).isNull();
    }

    @Test
    void the_credit_line_follows_a_configured_template() {
        NewsroomCleaning cleaning = NewsroomCleaning.of(List.of(), "{credit} ({creator})");

        assertThat(cleaning.creditLine(values("creator", List.of("Yuriko Nakao"), "credit", "Reuters")))
                .isEqualTo("Reuters (Yuriko Nakao)");
        assertThat(cleaning.creditLine(values("credit", "Reuters"))).isEqualTo("Reuters");
    }

    @Test
    void a_switched_off_rule_does_not_run_and_an_unknown_name_is_refused() {
        NewsroomCleaning noAgencies = NewsroomCleaning.of(List.of("agency-names"), NewsroomCleaning.DEFAULT_CREDIT_LINE);
        FieldValues v = values("credit", "REUTERS");

        noAgencies.apply(v);

        assertThat(v.text(Field.CREDIT)).isEqualTo("REUTERS");
        assertThat(noAgencies.enabledRules()).doesNotContain("agency-names").contains("name-case");
        assertThatThrownBy(() -> NewsroomCleaning.of(List.of("agency-name"), NewsroomCleaning.DEFAULT_CREDIT_LINE))
                .hasMessageContaining("no cleaning rule named 'agency-name'");
        assertThatThrownBy(() -> NewsroomCleaning.of(List.of(), "Photo")).hasMessageContaining("names no field");
    }
}
