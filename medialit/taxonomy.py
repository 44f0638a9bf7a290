"""The kit's vocabulary: the four layers and the categories inside each.

Every ``Finding`` names a layer and a category from these tables, every key
file is validated against them, and the renderer takes its colours and legend
labels from them. Keeping them in one module means an instructor who wants a
new category adds one line here and the whole kit (keys, scoring, highlights)
knows about it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """One label a finding can carry, with what a student sees for it."""

    name: str
    label: str
    description: str
    colour: str


def _cats(*rows: tuple[str, str, str, str]) -> dict[str, Category]:
    return {name: Category(name, label, description, colour) for name, label, description, colour in rows}


#: layer name -> {category name -> Category}
CATEGORIES: dict[str, dict[str, Category]] = {
    "quotes": _cats(
        ("direct", "Direct quote", "A whole statement inside quote marks.", "#9ecae1"),
        ("partial", "Partial quote", "A fragment of someone's words woven into the reporter's sentence.", "#c6dbef"),
        ("scare", "Scare quote", "A word or two in quote marks that signals distance or doubt.", "#fdae6b"),
        ("unmarked", "Unmarked speech", "Someone's own words printed without quote marks.", "#fcbba1"),
    ),
    "framing": _cats(
        # agency
        ("agentless", "Agentless passive", "A passive verb with the doer left out.", "#c7e9c0"),
        ("agent_demoted", "Demoted agent", "A passive verb with the doer pushed into a by-phrase.", "#a1d99b"),
        ("necessity", "Necessity", "A construction that presents an action as forced, removing choice.", "#74c476"),
        ("nominalisation", "Hidden actor", "An action turned into a noun, so nobody is doing it.", "#d9f0d3"),
        # generic news frames (Semetko & Valkenburg 2000)
        ("conflict", "Conflict frame", "Disagreement between sides, winners and losers.", "#fb6a4a"),
        ("human_interest", "Human-interest frame", "A human face or an emotional angle on the story.", "#fdd0a2"),
        ("economic", "Economic-consequences frame", "Gains, losses and costs.", "#ffffb2"),
        ("morality", "Morality frame", "Right and wrong, moral or religious prescriptions.", "#dadaeb"),
        ("responsibility", "Responsibility frame", "Who caused the problem and who should solve it.", "#bcbddc"),
        # issue frames (Media Frames Corpus, Card et al. 2015)
        ("economic_mfc", "Economic", "Costs, benefits, money.", "#ffffcc"),
        (
            "capacity_resources",
            "Capacity and resources",
            "Availability of physical, human or financial resources.",
            "#ffeda0",
        ),
        ("morality_mfc", "Morality", "Religious or ethical implications.", "#efedf5"),
        ("fairness_equality", "Fairness and equality", "Balance between individuals or groups.", "#e5f5f9"),
        ("legality", "Legality, constitutionality, jurisprudence", "Laws, rights, courts, treaties.", "#ccece6"),
        ("policy", "Policy prescription and evaluation", "Whether policies work and what should be done.", "#99d8c9"),
        ("crime_punishment", "Crime and punishment", "Breaking rules and the consequences.", "#fc9272"),
        ("security_defence", "Security and defence", "Threats to the welfare of a group or nation.", "#de2d26"),
        ("health_safety", "Health and safety", "Health care, sanitation, public safety.", "#fee0d2"),
        ("quality_of_life", "Quality of life", "Effects on individuals' lives and wellbeing.", "#fff7bc"),
        ("cultural_identity", "Cultural identity", "Traditions, customs, values of a group.", "#fec44f"),
        ("public_opinion", "Public opinion", "Attitudes of the public, polls, protests.", "#d4b9da"),
        ("political", "Political", "Political actors, parties, negotiations, manoeuvring.", "#9e9ac8"),
        (
            "external_regulation",
            "External regulation and reputation",
            "Relations and standing between nations.",
            "#6baed6",
        ),
        ("other", "Other", "Anything that fits no other dimension.", "#f0f0f0"),
    ),
    "loaded": _cats(
        ("naming", "Naming and labels", "A name for an actor that carries a judgement.", "#fdae61"),
        ("evaluative", "Evaluative word", "An adjective or adverb that slips a judgement into narration.", "#fee08b"),
        ("booster", "Booster", "A word that makes a claim sound more certain or more important.", "#f46d43"),
        ("hedge", "Hedge", "A word that softens or qualifies a claim.", "#e6f598"),
        ("scare_quote", "Scare quote", "Quote marks used to cast doubt on a word.", "#fdae6b"),
        ("euphemism", "Euphemism", "A softer word that hides something unpleasant.", "#abdda4"),
        ("dysphemism", "Dysphemism", "A harsher word than the facts need.", "#d53e4f"),
        ("necessity", "Necessity and agency", 'Presents a choice as forced ("forced to").', "#66c2a5"),
        ("collective", "Sweeping collective", 'Lumps many actors into one ("the West").', "#3288bd"),
        ("place_name", "Place-name politics", "A spelling of a place that signals a side (Kiev/Kyiv).", "#5e4fa2"),
    ),
    "translation": _cats(
        ("false_friend", "False friend", "A word that looks like the source word but means something else.", "#fb9a99"),
        ("calque", "Calque", "A phrase translated word by word.", "#e31a1c"),
        (
            "quote_typography",
            "Quote typography",
            "Quote marks or spacing from another language's conventions.",
            "#fdbf6f",
        ),
        (
            "capitalization",
            "Capitalization",
            "A capital or lower-case letter where English would not have one.",
            "#ff7f00",
        ),
        ("duplication", "Duplication", 'Something said twice ("he added. he said.").', "#cab2d6"),
        ("broken_sentence", "Broken sentence", "A sentence cut or joined in the wrong place.", "#6a3d9a"),
        (
            "transliteration",
            "Transliteration",
            "A name spelled from another alphabet, or two spellings of one name.",
            "#b2df8a",
        ),
        ("spelling", "Spelling", "A wrong but real word (block for bloc).", "#33a02c"),
        ("scraper_residue", "Scraper residue", "Website furniture copied along with the article.", "#a6cee3"),
        ("disclaimer", "Disclaimer", "A notice that says how the text was produced.", "#1f78b4"),
    ),
}

LAYERS: tuple[str, ...] = tuple(CATEGORIES)

LAYER_LABELS: dict[str, str] = {
    "quotes": "Quotes",
    "framing": "Framing",
    "loaded": "Loaded terms",
    "translation": "Translation artifacts",
}

#: The names key files use for each layer (DESIGN section 4).
KEY_SECTIONS: dict[str, str] = {
    "quotes": "quotes",
    "framing": "framing",
    "loaded_terms": "loaded",
    "translation_artifacts": "translation",
}


def category(layer: str, name: str) -> Category:
    """Look up a category, with an error that lists the valid names."""
    if layer not in CATEGORIES:
        raise KeyError(f"unknown layer {layer!r}; choose one of: {', '.join(LAYERS)}")
    try:
        return CATEGORIES[layer][name]
    except KeyError:
        known = ", ".join(CATEGORIES[layer])
        raise KeyError(f"unknown category {name!r} in layer {layer!r}; choose one of: {known}") from None


def colour(layer: str, name: str) -> str:
    """The highlight colour of a category; grey for anything unknown."""
    cat = CATEGORIES.get(layer, {}).get(name)
    return cat.colour if cat else "#e0e0e0"
