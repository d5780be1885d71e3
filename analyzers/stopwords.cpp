// The shipped French stopword list and its lookup.
//
// Source: the Snowball project's French stop word list (snowballstem.org, BSD licence), reviewed
// for news search. Left out because they are also content words a reader searches for:
//   est (l'Est), été / étés (summer), son (sound), ton (tone), sommes (sums), avions (planes),
//   as (ace), fut (barrel), and the rare past-subjunctive forms (eusse, fusse…).
// Words some other lists add and this one never has: car (coach), or (gold), fin, plus.
// The check runs on the accented form, so "maïs" (maize) is not the stopword "mais".
#include "analyzers/stopwords.h"

#include <algorithm>
#include <array>

namespace depeche::analysis {
namespace {

// Sorted (byte order) so lookup is a binary search; a test checks the order.
constexpr std::array<std::string_view, 147> kStopwords = {
    "a",        "ai",        "aie",       "aient",     "aies",     "ait",      "au",
    "aura",     "aurai",     "auraient",  "aurais",    "aurait",   "auras",    "aurez",
    "auriez",   "aurions",   "aurons",    "auront",    "aux",      "avaient",  "avais",
    "avait",    "avec",      "avez",      "aviez",     "avons",    "ayant",    "ayez",
    "ayons",    "c",         "ce",        "ceci",      "cela",     "celle",    "celles",
    "celui",    "ces",       "cet",       "cette",     "ceux",     "d",        "dans",
    "de",       "des",       "donc",      "dont",      "du",       "elle",     "elles",
    "en",       "es",        "et",        "eu",        "eue",      "eues",     "eurent",
    "eus",      "eut",       "eux",       "furent",    "fus",      "fûmes",    "fûtes",
    "il",       "ils",       "j",         "je",        "l",        "la",       "le",
    "les",      "leur",      "leurs",     "lui",       "m",        "ma",       "mais",
    "me",       "mes",       "moi",       "mon",       "même",     "n",        "ne",
    "ni",       "nos",       "notre",     "nous",      "on",       "ont",      "ou",
    "où",       "par",       "pas",       "pour",      "qu",       "que",      "quel",
    "quelle",   "quelles",   "quels",     "qui",       "s",        "sa",       "sans",
    "se",       "sera",      "serai",     "seraient",  "serais",   "serait",   "seras",
    "serez",    "seriez",    "serions",   "serons",    "seront",   "ses",      "soi",
    "soient",   "sois",      "soit",      "sont",      "soyez",    "soyons",   "suis",
    "sur",      "t",         "ta",        "te",        "tes",      "toi",      "tu",
    "un",       "une",       "vos",       "votre",     "vous",     "y",        "à",
    "étaient",  "étais",     "était",     "étant",     "étiez",    "étions",   "êtes",
};

}  // namespace

bool is_french_stopword(std::string_view lower) {
  return std::binary_search(kStopwords.begin(), kStopwords.end(), lower);
}

std::span<const std::string_view> french_stopwords() { return kStopwords; }

}  // namespace depeche::analysis
