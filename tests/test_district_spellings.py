"""District names from GeoNames' second-level units, short-name spelling variants, the
province a text states for a town, and English words that are never place variants."""

import pytest

from mapping.mentions import find_mentions
from mapping.names import LOOSE_MARK, skeleton


def places(text, gaz):
    mentions, _ = find_mentions(text, gaz)
    return [(m.surface, m.province, m.match) for m in mentions]


@pytest.mark.parametrize(
    "spellings",
    [
        ["Washir", "Washeer", "Wāshēr", "Washer"],
        ["Kishim", "Kishem", "Keshim"],
        ["Marjah", "Marja"],
        ["Nawah", "Nawa"],
        ["Khugyani", "Khogyani", "Khūgyānī"],
        ["Dih Yak", "Deh Yak", "Deh-Yak"],
    ],
)
def test_short_names_meet_across_transliterations(spellings):
    keys = {skeleton(s) for s in spellings}
    assert len(keys) == 1
    assert keys.pop().startswith(LOOSE_MARK)


def test_short_keys_keep_the_vowels_that_tell_names_apart():
    # Three consonants or fewer: the vowels decide, and a different vowel is another name.
    assert skeleton("Zhari") != skeleton("Zheray")
    assert skeleton("Nawur") != skeleton("Nawa")
    # A vowel key can never equal a consonant skeleton of a longer name.
    assert not skeleton("Sangin").startswith(LOOSE_MARK)


@pytest.mark.parametrize(
    "sentence,surface,province",
    [
        ("Insurgents overran the centre of Baghran overnight.", "Baghran", "AF-HEL"),
        ("Heavy clashes went on in Arghistan for a second day.", "Arghistan", "AF-KAN"),
        ("Local elders handed Jaghori over after talks.", "Jaghori", "AF-GHA"),
        ("The militants took Deh Yak without a shot.", "Deh Yak", "AF-GHA"),
        ("Security forces pulled back from Kishem on Sunday.", "Kishem", "AF-BDS"),
        ("Fighting reached the bazaar of Washeer by noon.", "Washeer", "AF-HEL"),
    ],
)
def test_districts_news_names_are_found(gaz, sentence, surface, province):
    assert (surface, province) in [(s, p) for s, p, _ in places(sentence, gaz)]


def test_a_stated_province_picks_the_town_there(gaz):
    # Doab is a village of Samangan and a district (Du Ab) of Nuristan.
    told = places("Officials said Doab district of Nuristan was lost on Monday.", gaz)
    assert ("Doab", "AF-NUR") in [(s, p) for s, p, _ in told]
    told = places("Officials said Doab in Nuristan was lost on Monday.", gaz)
    assert ("Doab", "AF-NUR") in [(s, p) for s, p, _ in told]


def test_a_list_that_ends_in_districts_of_a_province_puts_each_town_there(gaz):
    # Faizabad is Badakhshan's capital and a district of Jawzjan; a list's "districts of"
    # speaks for every town in it. A list that only ends beside a province says nothing.
    told = places("Troops left Qarqin, Faizabad and Khamab districts of Jawzjan on Tuesday.", gaz)
    assert ("Faizabad", "AF-JOW") in [(s, p) for s, p, _ in told]
    told = places(
        "Clashes were reported in Zaranj, Kunduz and Faizabad, Helmand officials said.", gaz
    )
    assert ("Faizabad", "AF-BDS") in [(s, p) for s, p, _ in told]


def test_a_variant_with_no_place_in_the_stated_province_is_dropped(gaz):
    # The gazetteer knows Gizab in Daykundi only; the text puts "Gezab" in Uruzgan, so the
    # spelling names a place we do not know, and Uruzgan stays a province locator.
    told = places("Fighters seized Gezab in Uruzgan and Mandol in Nuristan.", gaz)
    assert all(p != "AF-DAY" for _, p, _ in told)
    assert ("Uruzgan", "AF-URU") in [(s, p) for s, p, _ in told]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Guardian spoke to three residents by telephone.",
        "Moreover, the road north stayed closed.",
        "Prison guards were seen leaving their posts.",
    ],
)
def test_english_words_are_never_spelling_variants(gaz, sentence):
    assert places(sentence, gaz) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Las fuerzas afganas de Seguridad resisten.",  # "Las" is an old name of Lash
        "Am Abend blieb es ruhig.",  # "Abend" is a skeleton of Ab Band
    ],
)
def test_common_words_of_the_other_languages_are_no_places(gaz, sentence):
    assert places(sentence, gaz) == []


def test_the_groups_website_is_no_place(gaz):
    """ "Al Emarah", the Taliban's site, is a skeleton of Almar (Faryab)."""
    assert places("Al Emarah, the group's website, published the claim.", gaz) == []
    assert places("Alemarah carried the statement.", gaz) == []


def test_english_word_alternates_are_dropped_unless_the_place_own_name(gaz):
    assert "bust" not in gaz.exact  # an old name of Lashkar Gah, and an English word
    assert "fora" not in gaz.exact
    assert any(p.province == "AF-BGL" for p in gaz.exact["burka"])  # Burkah's own name
    assert "guardian" in gaz.common_words and "kandahar" not in gaz.common_words


def test_two_places_joined_by_a_hyphen_are_both_places(gaz):
    """ "the Herat-Kandahar front": both places; a road named so is neither (LABELS.md: road
    names give no entry; tests/test_matching.py)."""
    told = [(s, p) for s, p, _ in places("Fighting moved along the Herat-Kandahar front.", gaz)]
    assert ("Kandahar", "AF-KAN") in told and ("Herat", "AF-HER") in told
    assert places("Lorries queued on the Herat-Kandahar road.", gaz) == []
    # An unknown first part still makes one compound name that is not ours.
    assert places("Refugees reached Gorno-Badakhshan last year.", gaz) == []


def test_month_names_are_dates_not_places(gaz):
    assert places("In March the road to the north was still open.", gaz) == []
