// depeche-gen-corpus: a deterministic generator of synthetic French news for the benchmarks
// (docs/BENCHMARKS.md). Article i depends only on (seed, i), so a corpus of N articles is the
// first N articles of any larger one, and the same command always writes the same bytes.
//
//   depeche-gen-corpus --articles N --out DIR [--seed S] [--words FILE] [--no-scriptindex]
//
// Writes into DIR:
//   articles.jsonl            Depeche's input (id, title, body, date, source, url, author, lang)
//   articles.countries.tsv    id <TAB> ISO codes of the countries the article names (main first):
//                             what the peers index as their country filter and facet, since they
//                             have no entity extraction of their own
//   articles.scriptindex      the same articles in scriptindex's dump format (for Xapian's peer)
//
// The text: function words and a little grammar (determiners, prepositions with their
// contractions du/au/des/aux, elisions l’ d’ qu’ n’ s’ with the typographic or the straight
// apostrophe depending on the outlet), content words drawn from a Zipf distribution over a news
// vocabulary followed by Debian's wfrench word list (shorter words more frequent), topic words
// that make articles about something, hyphenated compounds, numbers, countries by their French
// names (with their article and preposition: « en France », « au Japon », « aux États-Unis ») and
// demonyms, speakers quoted in the ways French press copy quotes them (docs/ENTITIES.md), dates in
// the text, publication dates over a decade, and 5 % near-duplicate wire copies.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analyzers/country_extractor.h"
#include "analyzers/french_analyzer.h"

namespace {

// ---------------------------------------------------------------- randomness

// SplitMix64: tiny, fast, and the same numbers on every platform (std:: distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1))); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(static_cast<std::uint32_t>(v.size()))]; }

 private:
  std::uint64_t state_;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  Rng r(a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL));
  r.next();
  return r.next();
}

// Walker's alias method: O(1) draws from a fixed discrete distribution.
class Alias {
 public:
  explicit Alias(const std::vector<double>& weights) {
    const std::size_t n = weights.size();
    prob_.resize(n);
    alias_.resize(n);
    double total = 0;
    for (double w : weights) total += w;
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = weights[i] * static_cast<double>(n) / total;
      (scaled[i] < 1 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const auto s = small.back();
      small.pop_back();
      const auto l = large.back();
      prob_[s] = scaled[s];
      alias_[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) {
        large.pop_back();
        small.push_back(l);
      }
    }
    for (auto i : small) prob_[i] = 1, alias_[i] = i;
    for (auto i : large) prob_[i] = 1, alias_[i] = i;
  }
  std::uint32_t draw(Rng& r) const {
    const auto i = r.below(static_cast<std::uint32_t>(prob_.size()));
    return r.unit() < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
};

std::vector<double> zipf_weights(std::size_t n, double s, double q) {
  std::vector<double> w(n);
  for (std::size_t r = 0; r < n; ++r) w[r] = 1.0 / std::pow(static_cast<double>(r) + q, s);
  return w;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------- data

// Content words of news copy, roughly by frequency: the head of the Zipf distribution.
constexpr std::string_view kNewsWords =
    "pays gouvernement président ministre année ans mois semaine jour heures fois temps partie "
    "monde état ville région personnes population nombre millions milliards euros dollars prix "
    "politique économie sécurité situation crise question projet loi réforme accord décision "
    "pouvoir autorités responsables membres dirigeants chef directeur groupe société entreprise "
    "entreprises marché secteur travail emploi santé enfants femmes hommes famille familles vie "
    "guerre paix armée forces soldats militaires conflit attaque frappes combats troupes frontière "
    "élections élection vote campagne candidat candidats parti partis opposition majorité "
    "parlement assemblée sénat députés gouvernements national nationale internationale "
    "international public publique nouvelle nouveau nouveaux nouvelles premier première dernier "
    "dernière grand grande grands grandes important importante plusieurs certains autres même "
    "déclaré annoncé indiqué affirmé expliqué estimé souligné précisé ajouté rappelé assuré "
    "prévu fait mis pris permis reçu tenu devenu resté porté lancé signé adopté présenté "
    "police justice tribunal enquête procès juge avocat victimes plainte condamné prison "
    "manifestation manifestants grève syndicats colère mobilisation rassemblement rue "
    "économique économiques financière financier budget dette impôts taxe croissance inflation "
    "chômage salaires banque banques bourse investissements commerce exportations importations "
    "énergie pétrole gaz électricité nucléaire climat climatique environnement émissions "
    "températures sécheresse inondations tempête séisme incendie incendies catastrophe "
    "santé hôpital hôpitaux médecins patients épidémie virus vaccin vaccination malades "
    "école écoles élèves enseignants université étudiants recherche chercheurs scientifiques "
    "culture festival musée film exposition livre artiste spectacle public "
    "sport match équipe joueurs championnat victoire défaite entraîneur saison finale "
    "transports train trains avion aéroport routes voitures trafic réseau "
    "numérique internet données technologie plateforme réseaux intelligence artificielle "
    "agriculteurs agriculture production récolte eau alimentaire terres "
    "migrants réfugiés frontières asile accueil humanitaire aide organisation organisations "
    "sommet réunion négociations discussions dialogue rencontre visite délégation "
    "mesures mesure plan programme stratégie objectif objectifs bilan résultats chiffres "
    "hausse baisse augmentation recul niveau record taux pourcentage moyenne "
    "début fin cours suite lors selon face contre depuis jusqu vers "
    "capitale centre nord sud est ouest côte îles zone zones territoire quartier "
    "communauté citoyens habitants électeurs opinion sondage confiance soutien critiques "
    "risque risques menace menaces danger sanctions pression tensions relations alliés "
    "ministère ministres conseil commission comité agence institut office service services "
    "porte-parole directrice présidente secrétaire général générale adjoint conseiller "
    "semaines mois années journée soirée matin lundi mardi mercredi jeudi vendredi samedi dimanche "
    "européenne européen européens africain africaine asiatique mondiale mondial régional locale "
    "gouvernemental officiel officielle officiels militaire humanitaires sociale social sociaux "
    "difficile possible nécessaire clair forte fort grave graves long longue haut haute "
    "bon bonne meilleur mauvais petit petite petits jeune jeunes vieux ancien ancienne "
    "avenir histoire moment période phase étape processus système modèle cadre base rôle "
    "droit droits liberté libertés démocratie justice égalité protection défense sécurité "
    "réponse demande appel proposition position déclaration annonce discours message rapport "
    "document texte article informations nouvelles chaîne presse journal journalistes médias "
    "images vidéo photos témoins témoignage habitants voisins proches victimes blessés morts "
    "vague série ensemble majorité moitié tiers quart partie reste total";

struct Topic {
  std::string_view name;
  std::string_view words;
};

// What articles are about: each article draws one or two topics and uses their words often.
constexpr std::array<Topic, 30> kTopics = {{
    {"élections", "élections scrutin candidat candidate vote électeurs campagne sondage bureau urnes abstention second tour"},
    {"diplomatie", "diplomatie ambassadeur sommet négociations accord traité sanctions chancelier diplomates visite bilatérale"},
    {"guerre", "guerre offensive armée frappes missiles drones front bombardements soldats troupes blindés cessez-le-feu"},
    {"nucléaire", "nucléaire missile essai balistique enrichissement uranium inspecteurs réacteur dissuasion ogives"},
    {"économie", "croissance inflation récession banque centrale taux intérêt dette déficit investissements budget"},
    {"énergie", "énergie pétrole gaz électricité centrales renouvelables barils gazoduc approvisionnement pénurie"},
    {"climat", "climat réchauffement émissions carbone températures sécheresse canicule glaciers biodiversité"},
    {"santé", "épidémie virus vaccin vaccination hôpitaux soignants contaminations confinement dépistage variant"},
    {"justice", "procès tribunal juge avocat prévenus condamnation peine prison témoins verdict appel"},
    {"police", "police enquête interpellation garde à vue gendarmes perquisition suspects enquêteurs parquet"},
    {"migrations", "migrants réfugiés asile naufrage embarcation garde-côtes passeurs frontières accueil"},
    {"social", "grève syndicats salaires retraites manifestation cortège mobilisation intersyndicale préavis"},
    {"éducation", "école élèves enseignants lycée université étudiants rentrée examens baccalauréat réforme"},
    {"culture", "festival cinéma film réalisateur exposition musée concert théâtre récompense palme"},
    {"football", "football match équipe entraîneur championnat but buts supporters stade coupe sélection"},
    {"cyclisme", "cyclisme étape peloton maillot coureur échappée sprint tour col abandon"},
    {"technologie", "numérique données plateforme application logiciel cyberattaque piratage algorithmes réseaux"},
    {"espace", "espace fusée lancement satellite orbite astronautes station lunaire mission sonde"},
    {"agriculture", "agriculteurs récoltes céréales blé élevage éleveurs pesticides irrigation exploitations"},
    {"catastrophes", "séisme inondations tempête ouragan cyclone secours sinistrés évacuation glissement bilan"},
    {"terrorisme", "attentat terroriste explosion kamikaze revendication djihadistes attaque sécurité otages"},
    {"parlement", "parlement députés sénateurs amendement projet loi vote assemblée commission texte adoption"},
    {"commerce", "exportations importations droits douane tarifs commerce excédent déficit marchandises accord"},
    {"transports", "transports train rail aéroport compagnie vols autoroute trafic ferroviaire grève billets"},
    {"logement", "logement loyers immobilier construction locataires propriétaires prix crédit quartiers"},
    {"droits", "droits humains opposants arrestations liberté presse censure répression militants prisonniers"},
    {"entreprises", "entreprise groupe usine salariés licenciements fusion rachat bénéfices chiffre affaires"},
    {"mer", "pêche pêcheurs navires port marine maritime océan côtes littoral chalutiers"},
    {"aide", "aide humanitaire famine malnutrition distribution convois organisations camps déplacés vivres"},
    {"corruption", "corruption détournement fonds enquête scandale pots-de-vin blanchiment fraude marchés publics"},
}};

// Hyphenated compounds of press copy.
constexpr std::string_view kCompounds =
    "cessez-le-feu porte-parole vice-président vice-présidente après-midi week-end sud-est "
    "nord-ouest sud-ouest nord-est sous-marin contre-offensive chef-lieu arc-en-ciel peut-être "
    "c’est-à-dire avant-garde grand-mère non-lieu garde-côtes face-à-face va-et-vient "
    "au-delà là-bas rendez-vous procès-verbal état-major sans-abri demi-finale quart-de-finale "
    "social-démocrate centre-ville libre-échange bien-être lutte anti-corruption";

enum class Gender { kMasculine, kFeminine, kPlural, kElided, kNone };

struct Country {
  std::string_view code;     // ISO 3166-1 alpha-2
  std::string_view name;     // French name, as CLDR writes it
  Gender gender;             // which article it takes (« la France », « l’Italie », « Israël »)
  std::string_view adj_m;    // demonym, masculine singular (« gouvernement allemand »)
  std::string_view adj_fp;   // feminine plural (« autorités allemandes »)
};

// Most cited first (Zipf weights by position).
const std::vector<Country> kCountries = {
    {"FR", "France", Gender::kFeminine, "français", "françaises"},
    {"US", "États-Unis", Gender::kPlural, "américain", "américaines"},
    {"RU", "Russie", Gender::kFeminine, "russe", "russes"},
    {"CN", "Chine", Gender::kFeminine, "chinois", "chinoises"},
    {"UA", "Ukraine", Gender::kElided, "ukrainien", "ukrainiennes"},
    {"DE", "Allemagne", Gender::kElided, "allemand", "allemandes"},
    {"GB", "Royaume-Uni", Gender::kMasculine, "britannique", "britanniques"},
    {"IT", "Italie", Gender::kElided, "italien", "italiennes"},
    {"ES", "Espagne", Gender::kElided, "espagnol", "espagnoles"},
    {"IR", "Iran", Gender::kElided, "iranien", "iraniennes"},
    {"IL", "Israël", Gender::kNone, "israélien", "israéliennes"},
    {"TR", "Turquie", Gender::kFeminine, "turc", "turques"},
    {"JP", "Japon", Gender::kMasculine, "japonais", "japonaises"},
    {"KP", "Corée du Nord", Gender::kFeminine, "nord-coréen", "nord-coréennes"},
    {"KR", "Corée du Sud", Gender::kFeminine, "sud-coréen", "sud-coréennes"},
    {"IN", "Inde", Gender::kElided, "indien", "indiennes"},
    {"BR", "Brésil", Gender::kMasculine, "brésilien", "brésiliennes"},
    {"SY", "Syrie", Gender::kFeminine, "syrien", "syriennes"},
    {"ML", "Mali", Gender::kMasculine, "malien", "maliennes"},
    {"DZ", "Algérie", Gender::kElided, "algérien", "algériennes"},
    {"MA", "Maroc", Gender::kMasculine, "marocain", "marocaines"},
    {"TN", "Tunisie", Gender::kFeminine, "tunisien", "tunisiennes"},
    {"SN", "Sénégal", Gender::kMasculine, "sénégalais", "sénégalaises"},
    {"CI", "Côte d’Ivoire", Gender::kFeminine, "ivoirien", "ivoiriennes"},
    {"BE", "Belgique", Gender::kFeminine, "belge", "belges"},
    {"CH", "Suisse", Gender::kFeminine, "suisse", "suisses"},
    {"CA", "Canada", Gender::kMasculine, "canadien", "canadiennes"},
    {"MX", "Mexique", Gender::kMasculine, "mexicain", "mexicaines"},
    {"AR", "Argentine", Gender::kElided, "argentin", "argentines"},
    {"EG", "Égypte", Gender::kElided, "égyptien", "égyptiennes"},
    {"SA", "Arabie saoudite", Gender::kElided, "saoudien", "saoudiennes"},
    {"IQ", "Irak", Gender::kElided, "irakien", "irakiennes"},
    {"AF", "Afghanistan", Gender::kElided, "afghan", "afghanes"},
    {"PK", "Pakistan", Gender::kMasculine, "pakistanais", "pakistanaises"},
    {"PL", "Pologne", Gender::kFeminine, "polonais", "polonaises"},
    {"GR", "Grèce", Gender::kFeminine, "grec", "grecques"},
    {"PT", "Portugal", Gender::kMasculine, "portugais", "portugaises"},
    {"NL", "Pays-Bas", Gender::kPlural, "néerlandais", "néerlandaises"},
    {"SE", "Suède", Gender::kFeminine, "suédois", "suédoises"},
    {"NO", "Norvège", Gender::kFeminine, "norvégien", "norvégiennes"},
    {"HU", "Hongrie", Gender::kFeminine, "hongrois", "hongroises"},
    {"RO", "Roumanie", Gender::kFeminine, "roumain", "roumaines"},
    {"NG", "Nigeria", Gender::kMasculine, "nigérian", "nigérianes"},
    {"NE", "Niger", Gender::kMasculine, "nigérien", "nigériennes"},
    {"BF", "Burkina Faso", Gender::kMasculine, "burkinabé", "burkinabées"},
    {"TD", "Tchad", Gender::kMasculine, "tchadien", "tchadiennes"},
    {"CD", "République démocratique du Congo", Gender::kFeminine, "congolais", "congolaises"},
    {"CM", "Cameroun", Gender::kMasculine, "camerounais", "camerounaises"},
    {"ET", "Éthiopie", Gender::kElided, "éthiopien", "éthiopiennes"},
    {"KE", "Kenya", Gender::kMasculine, "kényan", "kényanes"},
    {"ZA", "Afrique du Sud", Gender::kElided, "sud-africain", "sud-africaines"},
    {"LB", "Liban", Gender::kMasculine, "libanais", "libanaises"},
    {"LY", "Libye", Gender::kFeminine, "libyen", "libyennes"},
    {"VE", "Venezuela", Gender::kMasculine, "vénézuélien", "vénézuéliennes"},
    {"CO", "Colombie", Gender::kFeminine, "colombien", "colombiennes"},
    {"CL", "Chili", Gender::kMasculine, "chilien", "chiliennes"},
    {"PE", "Pérou", Gender::kMasculine, "péruvien", "péruviennes"},
    {"CU", "Cuba", Gender::kNone, "cubain", "cubaines"},
    {"HT", "Haïti", Gender::kNone, "haïtien", "haïtiennes"},
    {"VN", "Viêt Nam", Gender::kMasculine, "vietnamien", "vietnamiennes"},
    {"TH", "Thaïlande", Gender::kFeminine, "thaïlandais", "thaïlandaises"},
    {"ID", "Indonésie", Gender::kElided, "indonésien", "indonésiennes"},
    {"PH", "Philippines", Gender::kPlural, "philippin", "philippines"},
    {"AU", "Australie", Gender::kElided, "australien", "australiennes"},
    {"NZ", "Nouvelle-Zélande", Gender::kFeminine, "néo-zélandais", "néo-zélandaises"},
    {"FI", "Finlande", Gender::kFeminine, "finlandais", "finlandaises"},
    {"DK", "Danemark", Gender::kMasculine, "danois", "danoises"},
    {"AT", "Autriche", Gender::kElided, "autrichien", "autrichiennes"},
    {"CZ", "Tchéquie", Gender::kFeminine, "tchèque", "tchèques"},
    {"RS", "Serbie", Gender::kFeminine, "serbe", "serbes"},
    {"AM", "Arménie", Gender::kElided, "arménien", "arméniennes"},
    {"GE", "Géorgie", Gender::kFeminine, "géorgien", "géorgiennes"},
    {"YE", "Yémen", Gender::kMasculine, "yéménite", "yéménites"},
    {"SD", "Soudan", Gender::kMasculine, "soudanais", "soudanaises"},
};

constexpr std::string_view kMaleFirst =
    "Jean Pierre Michel Philippe Alain Nicolas Laurent François Olivier Thierry Antoine Julien "
    "Mathieu Sébastien Vincent Emmanuel Bruno Didier Patrick Yves Gilles Hervé Denis Marc Luc "
    "Karim Mehdi Youssef Amadou Moussa Ibrahim Ousmane Mamadou Kofi Samuel David Thomas Daniel "
    "John Michael Robert James Richard Hans Stefan Klaus Giovanni Marco Luca Carlos Miguel Javier "
    "Andreï Sergueï Dmitri Oleksandr Mykola Piotr Tomasz Ahmed Omar Hassan Ali Reza Kenji Hiroshi "
    "Wei Jun Min-ho Arjun Rahul Joaquim Tiago Lars Erik Jan Pieter";
constexpr std::string_view kFemaleFirst =
    "Marie Anne Isabelle Catherine Nathalie Sophie Sandrine Valérie Christine Sylvie Céline "
    "Aurélie Julie Camille Claire Hélène Élisabeth Agnès Laure Pauline Émilie Léa Chloé Manon "
    "Fatou Aminata Aïcha Fatima Leïla Nadia Samira Yasmina Mariam Awa Grace Esther Rachel Sarah "
    "Mary Jennifer Elizabeth Susan Laura Karen Angela Ursula Ingrid Greta Giulia Chiara Francesca "
    "Lucía Carmen Elena Natalia Olga Iryna Oksana Katarzyna Magdalena Leila Zahra Yuki Akiko Mei "
    "Ling Priya Ananya Beatriz Ana Astrid Karin Eva Lotte";
constexpr std::string_view kLastNames =
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre "
    "Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont "
    "Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry "
    "Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin "
    "Diallo Traoré Keïta Coulibaly Ndiaye Diop Sow Camara Touré Cissé Koné Ouattara Mensah Okafor "
    "Benali Haddad Mansouri Khelifi Bouzid Amrani Cherif Belkacem Saïdi Brahimi Nasser Khalil "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson White "
    "Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Schäfer Koch Richter Klein Wolf "
    "Rossi Russo Ferrari Esposito Bianchi Romano Conti Ricci Marino Greco Bruno Gallo "
    "Fernández González Rodríguez Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Morales "
    "Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Petrov Volkov "
    "Shevchenko Bondarenko Kovalenko Tkachenko Kravchenko Oliynyk Nowak Kowalski Wiśniewski "
    "Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Wang Zhang Liu Chen Yang Huang "
    "Zhao Kim Lee Park Choi Jung Kang Cho Yoon Sharma Patel Gupta Singh Kumar Rao Iyer "
    "Silva Santos Oliveira Souza Costa Pereira Almeida Ferreira Andersson Johansson Karlsson "
    "Nilsson Jansen Janssen Visser Smit Meijer";

struct Role {
  std::string_view masculine;  // with its article: « le ministre des Affaires étrangères »
  std::string_view feminine;
};
const std::vector<Role> kRoles = {
    {"le ministre des Affaires étrangères", "la ministre des Affaires étrangères"},
    {"le porte-parole du gouvernement", "la porte-parole du gouvernement"},
    {"le président de la commission", "la présidente de la commission"},
    {"le directeur de l’agence", "la directrice de l’agence"},
    {"le secrétaire général du syndicat", "la secrétaire générale du syndicat"},
    {"le chef de la diplomatie", "la cheffe de la diplomatie"},
    {"le ministre de l’Économie", "la ministre de l’Économie"},
    {"le maire de la ville", "la maire de la ville"},
    {"le député de l’opposition", "la députée de l’opposition"},
    {"l’avocat des familles", "l’avocate des familles"},
    {"le chercheur", "la chercheuse"},
    {"l’économiste", "l’économiste"},
    {"le commandant des forces", "la commandante des forces"},
    {"le procureur", "la procureure"},
    {"le responsable de l’organisation", "la responsable de l’organisation"},
    {"le conseiller du président", "la conseillère du président"},
    {"le patron du groupe", "la patronne du groupe"},
    {"l’entraîneur", "l’entraîneuse"},
};

constexpr std::string_view kSpeechVerbs =
    "déclaré affirmé indiqué estimé expliqué assuré souligné prévenu dénoncé insisté précisé "
    "martelé reconnu confié";

struct Source {
  std::string_view code;
  std::string_view name;
  std::string_view host;
  bool typographic_apostrophe;
};
const std::vector<Source> kSources = {
    {"apm", "Agence Presse Monde", "agencepressemonde", true},
    {"lcn", "Le Courrier national", "courriernational", false},
    {"rco", "Radio Continentale", "radiocontinentale", true},
    {"edr", "L’Écho des régions", "echodesregions", true},
    {"gdm", "La Gazette du matin", "gazettedumatin", false},
    {"ihx", "Info Hexagone", "infohexagone", false},
    {"jdo", "Le Journal de l’Ouest", "journaldelouest", true},
    {"dme", "Dépêches Méditerranée", "depechesmediterranee", true},
    {"lme", "Le Moniteur économique", "moniteureconomique", false},
    {"vdl", "La Voix du littoral", "voixdulittoral", true},
    {"qds", "Le Quotidien du soir", "quotidiendusoir", false},
    {"obs", "L’Observateur continental", "observateurcontinental", true},
};

constexpr std::array<std::string_view, 12> kMonths = {"janvier", "février", "mars",     "avril",
                                                      "mai",     "juin",    "juillet",  "août",
                                                      "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<std::string_view, 7> kWeekdays = {"lundi", "mardi",    "mercredi", "jeudi",
                                                       "vendredi", "samedi", "dimanche"};

// ---------------------------------------------------------------- text helpers

bool starts_with_vowel(std::string_view w) {
  if (w.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  if (std::strchr("aeiouyhAEIOUYH", c) != nullptr && c != 0) return true;
  // Accented vowels: à â é è ê ë î ï ô ù û É È Ê À Î Ô (all start with 0xC3 in UTF-8).
  if (c == 0xC3 && w.size() > 1) {
    const unsigned char d = static_cast<unsigned char>(w[1]);
    return std::strchr("\xA0\xA2\xA8\xA9\xAA\xAB\xAE\xAF\xB4\xB9\xBB\x89\x88\x8A\x80\x8E\x94", d) != nullptr;
  }
  return false;
}

// Uppercases the first letter (ASCII and the accented lowercase letters of French).
void capitalize_at(std::string& s, std::size_t at) {
  if (at >= s.size()) return;
  unsigned char c = static_cast<unsigned char>(s[at]);
  if (c >= 'a' && c <= 'z') {
    s[at] = static_cast<char>(c - 32);
  } else if (c == 0xC3 && at + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[at + 1]);
    if (d >= 0xA0 && d <= 0xBE && d != 0xB7) s[at + 1] = static_cast<char>(d - 0x20);
  }
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// ---------------------------------------------------------------- the model

struct Person {
  std::string first, last;
  bool female = false;
  std::string full() const { return first + " " + last; }
};

class Model {
 public:
  explicit Model(const std::string& words_file);

  std::vector<std::string> vocabulary;   // content words, most frequent first
  std::unique_ptr<Alias> zipf;
  std::vector<std::vector<std::string>> topic_words;
  std::vector<std::string> compounds;
  std::vector<std::string> speech_verbs;
  std::vector<Person> people;            // speakers and authors
  std::unique_ptr<Alias> people_zipf;
  std::unique_ptr<Alias> country_zipf;
  std::unique_ptr<Alias> source_zipf;
};

Model::Model(const std::string& words_file) {
  std::unordered_set<std::string> seen;
  for (auto& w : split_words(kNewsWords)) {
    if (seen.insert(w).second) vocabulary.push_back(w);
  }
  for (const Topic& t : kTopics) {
    topic_words.push_back(split_words(t.words));
    for (auto& w : topic_words.back()) seen.insert(w);
  }
  compounds = split_words(kCompounds);
  speech_verbs = split_words(kSpeechVerbs);

  // The long tail: wfrench, shorter words first with some noise, minus any word the country
  // extractor would take for a country (« français », « togolaise »): which countries an article
  // names is decided by the generator, so the peers' facet (the generator's truth) and Depeche's
  // (its extraction) count the same thing.
  std::ifstream in(words_file);
  if (!in) {
    throw std::runtime_error("cannot read the word list " + words_file +
                             " (Debian package wfrench; or pass --words FILE)");
  }
  struct Ranked {
    double key;
    std::string word;
  };
  std::vector<Ranked> tail;
  depeche::analysis::FrenchAnalyzer analyzer;
  depeche::analysis::CountryExtractor countries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 2 || line.find_first_of(" '’\t") != std::string::npos) continue;
    if (seen.count(line)) continue;
    const auto tokens = analyzer.analyze(line);
    if (!countries.extract(line, tokens, depeche::analysis::TextField::kBody).empty()) continue;
    std::size_t chars = 0;
    for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
    const std::uint64_t h = std::hash<std::string>{}(line);  // libstdc++: stable across runs
    tail.push_back({static_cast<double>(chars) + 6.0 * static_cast<double>(mix(h, 7) >> 11) * 0x1.0p-53, line});
    seen.insert(line);
  }
  std::sort(tail.begin(), tail.end(),
            [](const Ranked& a, const Ranked& b) { return a.key != b.key ? a.key < b.key : a.word < b.word; });
  for (auto& r : tail) vocabulary.push_back(std::move(r.word));
  zipf = std::make_unique<Alias>(zipf_weights(vocabulary.size(), 1.0, 2.7));

  const auto male = split_words(kMaleFirst);
  const auto female = split_words(kFemaleFirst);
  const auto last = split_words(kLastNames);
  constexpr std::size_t kPeople = 6000;
  Rng r(0x5eed5eed);
  for (std::size_t i = 0; i < kPeople; ++i) {
    Person p;
    p.female = r.chance(0.45);
    p.first = p.female ? r.pick(female) : r.pick(male);
    p.last = r.pick(last);
    people.push_back(std::move(p));
  }
  people_zipf = std::make_unique<Alias>(zipf_weights(people.size(), 0.9, 3));
  country_zipf = std::make_unique<Alias>(zipf_weights(kCountries.size(), 0.9, 1.5));
  source_zipf = std::make_unique<Alias>(zipf_weights(kSources.size(), 0.6, 1));
}

struct Article {
  std::string id, title, body, date, date_compact, source, url, author;
  std::vector<std::string> countries;  // ISO codes, main first
};

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// Writes one article. Spacing and elision are handled by `word` / `elide`.
class Writer {
 public:
  Writer(const Model& model, Rng& rng, bool typographic) : m_(model), r_(rng), apos_(typographic ? "’" : "'") {}

  std::string text;
  std::vector<std::size_t> topics;
  std::vector<std::size_t> countries;   // indexes into kCountries: the article's main countries
  std::vector<std::size_t> mentioned;   // every country written, in order of first mention
  std::vector<std::size_t> speakers;    // indexes into people
  std::vector<std::size_t> named;       // speakers already introduced by full name
  int year = 2020;

  void word(std::string_view w) {
    if (!glue_ && !text.empty()) text += ' ';
    text += w;
    glue_ = false;
  }
  void punct(std::string_view p) {
    text += p;
    glue_ = false;
  }
  // « l’ », « d’ »…: the next word follows without a space.
  void elide(std::string_view letter) {
    if (!glue_ && !text.empty()) text += ' ';
    text += letter;
    text += apos_;
    glue_ = true;
  }
  void newline(std::string_view sep) {
    text += sep;
    glue_ = true;
  }

  std::string content_word() {
    if (!topics.empty() && r_.chance(0.12)) {
      const auto& t = m_.topic_words[topics[r_.below(static_cast<std::uint32_t>(topics.size()))]];
      return t[r_.below(static_cast<std::uint32_t>(t.size()))];
    }
    if (r_.chance(0.012)) return r_.pick(m_.compounds);
    return m_.vocabulary[m_.zipf->draw(r_)];
  }

  // Article + word with elision: « l’accord », « la décision », « les pays ».
  void determiner_and(std::string_view det, const std::string& w) {
    if ((det == "le" || det == "la") && starts_with_vowel(w)) {
      elide("l");
    } else if (det == "ce" && starts_with_vowel(w)) {
      word("cet");
    } else {
      word(det);
    }
    word(w);
  }

  void noun_phrase(bool allow_entities = true) {
    const double x = r_.unit();
    if (allow_entities && x < 0.045) {
      country_phrase();
      return;
    }
    if (allow_entities && x < 0.075) {
      number_phrase();
      return;
    }
    static const std::vector<std::string> dets = {"le", "la", "les", "le", "la", "les", "le", "la", "les", "le",
                                                  "la", "les", "un", "une", "des", "ce", "cette", "ces", "son",
                                                  "sa", "ses", "leur", "leurs", "plusieurs"};
    const std::string& det = r_.pick(dets);
    determiner_and(det, content_word());
    if (r_.chance(0.3)) word(content_word());
    if (r_.chance(0.12)) {
      word("et");
      determiner_and(r_.pick(dets), content_word());
    }
  }

  // Preposition + noun phrase, with French contractions (du, des, au, aux, d’).
  void prepositional_phrase() {
    static const std::vector<std::string> preps = {"de", "de", "de", "de", "de", "de", "de", "de", "à", "à", "à",
                                                   "en", "en", "dans", "dans", "pour", "pour", "par", "par", "sur",
                                                   "sur", "avec", "contre", "après", "avant", "entre", "sans", "sous",
                                                   "depuis", "vers", "selon", "lors de", "face à"};
    const std::string& p = r_.pick(preps);
    const double x = r_.unit();
    if (x < 0.06) {
      country_locative(p);
      return;
    }
    if (x < 0.08 && (p == "de" || p == "depuis")) {
      word(p);
      date_phrase();
      return;
    }
    if (p == "en") {
      word("en");
      word(content_word());
      return;
    }
    const std::string n = content_word();
    static const std::vector<std::string> dets = {"le", "la", "les", "le", "la", "les", "le", "la", "les",
                                                  "un", "une", "des", "leur", "ce"};
    std::string det = r_.pick(dets);
    const bool de = p == "de" || p == "lors de";
    const bool a = p == "à" || p == "face à";
    if (de && p == "lors de") word("lors");
    if (a && p == "face à") word("face");
    if (de || a) {
      const std::string_view pr = de ? "de" : "à";
      const bool vowel = starts_with_vowel(n);
      if (det == "le" && !vowel) {
        word(de ? "du" : "au");
        word(n);
      } else if (det == "les") {
        word(de ? "des" : "aux");
        word(n);
      } else if (det == "des") {
        word(de ? "de" : "à des");
        word(n);
      } else if ((det == "le" || det == "la") && vowel) {
        word(pr);
        elide("l");
        word(n);
      } else if (de && (det == "un" || det == "une")) {
        elide("d");
        word(det);
        word(n);
      } else {
        word(pr);
        determiner_and(det, n);
      }
      if (r_.chance(0.25)) word(content_word());
      return;
    }
    word(p);
    determiner_and(det, n);
    if (r_.chance(0.25)) word(content_word());
  }

  void verb_phrase() {
    const double x = r_.unit();
    const std::string v = content_word();
    if (x < 0.08) {
      elide("n");
      word(r_.chance(0.5) ? "a" : "est");
      word(r_.chance(0.8) ? "pas" : "plus");
      word(v);
    } else if (x < 0.26) {
      word("a");
      word(v);
    } else if (x < 0.34) {
      word("ont");
      word(v);
    } else if (x < 0.44) {
      word(r_.chance(0.7) ? "est" : "sont");
      word(v);
    } else if (x < 0.48) {
      word("a");
      word("été");
      word(v);
    } else if (x < 0.58) {
      static const std::vector<std::string> modal = {"doit", "pourrait", "va", "peut", "devrait", "veut"};
      word(r_.pick(modal));
      word(v);
    } else if (x < 0.64) {
      if (starts_with_vowel(v)) {
        elide("s");
      } else {
        word("se");
      }
      word(v);
    } else {
      word(v);
    }
  }

  void clause() {
    if (r_.chance(0.15)) {
      static const std::vector<std::string> pronouns = {"il", "elle", "ils", "on", "nous", "il", "elles"};
      word(r_.pick(pronouns));
    } else {
      noun_phrase();
    }
    verb_phrase();
    noun_phrase();
    const int pps = r_.range(1, 3);
    for (int i = 0; i < pps; ++i) prepositional_phrase();
  }

  void sentence() {
    const std::size_t start = text.size() + (text.empty() || glue_ ? 0 : 1);
    const double x = r_.unit();
    if (x < 0.16 && !speakers.empty()) {
      quote_sentence();
    } else {
      if (x < 0.22) {
        static const std::vector<std::string> openers = {"Selon les autorités,", "Depuis plusieurs mois,",
                                                         "Dans un communiqué,", "Pour l’instant,",
                                                         "Au total,", "Par ailleurs,", "En revanche,"};
        std::string o = r_.pick(openers);
        if (apos_ != "’") replace_apostrophes(o);
        word(o);
      } else if (x < 0.26) {
        word(r_.chance(0.5) ? "Le" : "Ce");
        word(kWeekdays[r_.below(7)]);
        punct(",");
      }
      clause();
      if (r_.chance(0.35)) {
        static const std::vector<std::string> conj = {"et", "mais", "alors que", "tandis que", "car", "qui", "dont",
                                                      "où", "puisque", "lorsque", "bien que"};
        punct(",");
        const std::string& c = r_.pick(conj);
        if (c == "qui") {
          word("qui");
          verb_phrase();
          noun_phrase();
        } else {
          word(c);
          clause();
        }
      }
      punct(".");
    }
    capitalize_at(text, start);
  }

  void paragraph(int sentences) {
    for (int i = 0; i < sentences; ++i) sentence();
  }

  const Person& person(std::size_t i) const { return m_.people[i]; }

  // The speaker patterns of docs/ENTITIES.md.
  void quote_sentence() {
    const std::size_t who = speakers[r_.below(static_cast<std::uint32_t>(speakers.size()))];
    const Person& p = person(who);
    const bool introduced = std::find(named.begin(), named.end(), who) != named.end();
    const std::string verb = r_.pick(m_.speech_verbs);
    const double x = r_.unit();
    if (!introduced) {
      named.push_back(who);
      const Role& role = r_.pick(kRoles);
      std::string role_text(p.female ? role.feminine : role.masculine);
      if (apos_ != "’") replace_apostrophes(role_text);
      if (x < 0.4) {  // « … », a déclaré Prénom Nom, le ministre…
        quote();
        punct(",");
        word("a");
        word(verb);
        word(p.full());
        punct(",");
        word(role_text);
        punct(".");
      } else if (x < 0.65) {  // Prénom Nom, le ministre…, a affirmé que …
        word(p.full());
        punct(",");
        word(role_text);
        punct(",");
        word("a");
        word(verb);
        que_clause();
      } else if (x < 0.8) {  // Selon Prénom Nom, …
        if (r_.chance(0.5)) {
          word("selon");
        } else {
          elide("d");
          word("après");
        }
        word(p.full());
        punct(",");
        clause();
        punct(".");
      } else {  // Le porte-parole du ministère, Prénom Nom, a indiqué que …
        word(role_text);
        punct(",");
        word(p.full());
        punct(",");
        word("a");
        word(verb);
        que_clause();
      }
      return;
    }
    if (x < 0.5) {  // « … », a-t-il ajouté.
      quote();
      punct(",");
      word(p.female ? "a-t-elle" : "a-t-il");
      word(r_.chance(0.5) ? "ajouté" : verb);
      punct(".");
    } else if (x < 0.8) {  // Nom a ajouté que …
      word(p.last);
      word("a");
      word(r_.chance(0.5) ? "ajouté" : verb);
      que_clause();
    } else {  // « … », a poursuivi Mme Nom.
      quote();
      punct(",");
      word("a");
      word("poursuivi");
      word(p.female ? "Mme" : "M.");
      word(p.last);
      punct(".");
    }
  }

  void que_clause() {
    // « que » elides before a vowel: write the clause, then fix the join (« qu’il », « qu’un »).
    word("que");
    const std::size_t end_of_que = text.size();
    clause();
    if (text.size() > end_of_que + 1 && text[end_of_que] == ' ' &&
        starts_with_vowel(std::string_view(text).substr(end_of_que + 1))) {
      text.replace(end_of_que - 3, 4, std::string("qu") + apos_);
    }
    punct(".");
  }

  void quote() {
    const bool nbsp = r_.chance(0.5);
    word(nbsp ? "«\u00a0" : "«");
    if (nbsp) glue_ = true;
    const std::size_t start = text.size() + (glue_ ? 0 : 1);
    if (r_.chance(0.3)) {
      word(r_.chance(0.5) ? "nous" : "il");
      verb_phrase();
      noun_phrase();
      prepositional_phrase();
    } else {
      clause();
    }
    capitalize_at(text, start);
    if (r_.chance(0.3)) {
      punct(".");
      if (r_.chance(0.5)) {
        word("Nous");
        verb_phrase();
        noun_phrase(false);
      } else {
        clause();
      }
    }
    punct(nbsp ? "\u00a0»" : " »");
  }

  std::size_t pick_country() {
    const std::size_t c = (!countries.empty() && r_.chance(0.85))
                              ? countries[r_.below(static_cast<std::uint32_t>(countries.size()))]
                              : m_.country_zipf->draw(r_);
    if (std::find(mentioned.begin(), mentioned.end(), c) == mentioned.end()) mentioned.push_back(c);
    return c;
  }

  // « la France », « l’Allemagne », « les États-Unis », « Israël », or a demonym phrase.
  void country_phrase() {
    const std::size_t ci = pick_country();
    const Country& c = kCountries[ci];
    if (r_.chance(0.25)) {
      static const std::vector<std::pair<std::string, bool>> heads = {
          {"le gouvernement", false}, {"les autorités", true},  {"le président", false},
          {"les forces", true},       {"le ministère", false}, {"les entreprises", true}};
      const auto& h = r_.pick(heads);
      word(h.first);
      word(h.second ? c.adj_fp : c.adj_m);
      return;
    }
    switch (c.gender) {
      case Gender::kMasculine: word("le"); break;
      case Gender::kFeminine: word("la"); break;
      case Gender::kPlural: word("les"); break;
      case Gender::kElided: elide("l"); break;
      case Gender::kNone: break;
    }
    word(name(c));
  }

  // « en France », « au Japon », « aux États-Unis », « à Cuba », « de la Russie », « d’Israël ».
  void country_locative(const std::string& prep) {
    const Country& c = kCountries[pick_country()];
    const bool de = prep == "de" || prep == "lors de" || prep == "depuis";
    if (prep == "depuis") word("depuis");
    if (de) {
      switch (c.gender) {
        case Gender::kMasculine: word("du"); break;
        case Gender::kFeminine: word("de"); word("la"); break;
        case Gender::kPlural: word("des"); break;
        case Gender::kElided: word("de"); elide("l"); break;
        case Gender::kNone:
          if (starts_with_vowel(c.name)) {
            elide("d");
          } else {
            word("de");
          }
          break;
      }
    } else {
      switch (c.gender) {
        case Gender::kMasculine: word("au"); break;
        case Gender::kFeminine:
        case Gender::kElided: word("en"); break;
        case Gender::kPlural: word("aux"); break;
        case Gender::kNone: word("à"); break;
      }
    }
    word(name(c));
  }

  std::string name(const Country& c) const {
    std::string n(c.name);
    if (apos_ != "’") replace_apostrophes(n);
    return n;
  }

  void number_phrase() {
    static const std::vector<std::string> units = {"personnes", "habitants", "euros", "dollars", "millions d’euros",
                                                   "soldats", "emplois", "tonnes", "kilomètres", "voix", "%"};
    const double x = r_.unit();
    if (x < 0.3) {
      word(std::to_string(r_.range(2, 99)));
    } else if (x < 0.55) {
      word(std::to_string(r_.range(1, 99)) + " " + std::to_string(r_.range(100, 999)));
    } else if (x < 0.75) {
      word(std::to_string(r_.range(1, 20)) + "," + std::to_string(r_.range(1, 9)));
    } else {
      static const std::vector<std::string> words = {"deux", "trois", "quatre", "cinq", "dix", "cent", "mille",
                                                     "plusieurs centaines de", "des dizaines de", "près de 200"};
      word(r_.pick(words));
    }
    std::string u = r_.pick(units);
    if (apos_ != "’") replace_apostrophes(u);
    word(u);
  }

  // « le 8 novembre 2022 », « le 1er mars ».
  void date_phrase() {
    const int day = r_.range(1, 28);
    word("le");
    word(day == 1 ? "1er" : std::to_string(day));
    word(kMonths[r_.below(12)]);
    if (r_.chance(0.6)) word(std::to_string(year - static_cast<int>(r_.below(2))));
  }

  void replace_apostrophes(std::string& s) const {
    for (std::size_t at = s.find("’"); at != std::string::npos; at = s.find("’", at + 1)) s.replace(at, 3, "'");
  }

 private:
  const Model& m_;
  Rng& r_;
  std::string apos_;
  bool glue_ = true;
};

class Generator {
 public:
  Generator(const Model& model, std::uint64_t seed) : m_(model), seed_(seed) {}

  Article article(std::uint64_t i) const {
    Rng r(mix(seed_, i));
    // Five in a hundred articles are wire copies of a recent one, republished with small edits.
    if (i >= 20 && r.chance(0.05)) {
      const std::uint64_t back = 1 + r.below(static_cast<std::uint32_t>(std::min<std::uint64_t>(i, 300)));
      Article a = article(i - back);
      copy_edit(a, i, r);
      return a;
    }
    return original(i, r);
  }

 private:
  void set_metadata(Article& a, std::uint64_t i, Rng& r, const Source& s, long day) const {
    int y, mo, d;
    civil_from_days(day, y, mo, d);
    const int hour = r.range(5, 23), minute = r.range(0, 59);
    const bool summer = mo >= 4 && mo <= 10;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00+0%d:00", y, mo, d, hour, minute, summer ? 2 : 1);
    a.date = buf;
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, mo, d);
    a.date_compact = buf;
    std::snprintf(buf, sizeof buf, "-%04d-%07llu", y, static_cast<unsigned long long>(i));
    a.id = std::string(s.code) + buf;
    a.source = s.name;
    std::snprintf(buf, sizeof buf, "/%04d/%02d/%02d/", y, mo, d);
    a.url = "https://www." + std::string(s.host) + ".example" + buf + a.id;
    const Person& author = m_.people[r.below(static_cast<std::uint32_t>(m_.people.size()))];
    a.author = author.full();
  }

  Article original(std::uint64_t i, Rng& r) const {
    constexpr long kFirstDay = 16071;  // 2014-01-01
    constexpr long kDays = 3652;       // to 2023-12-31
    const long day = kFirstDay + r.below(kDays);
    const Source& src = kSources[m_.source_zipf->draw(r)];
    Article a;
    set_metadata(a, i, r, src, day);

    Writer w(m_, r, src.typographic_apostrophe);
    w.year = std::stoi(a.date.substr(0, 4));
    w.topics.push_back(r.below(kTopics.size()));
    if (r.chance(0.5)) w.topics.push_back(r.below(kTopics.size()));
    const int ncountries = r.chance(0.1) ? 0 : r.range(1, 3);
    for (int k = 0; k < ncountries; ++k) {
      const std::size_t c = m_.country_zipf->draw(r);
      if (std::find(w.countries.begin(), w.countries.end(), c) == w.countries.end()) w.countries.push_back(c);
    }
    const int nspeakers = r.chance(0.15) ? 0 : r.range(1, 3);
    for (int k = 0; k < nspeakers; ++k) w.speakers.push_back(m_.people_zipf->draw(r));

    // Title: « Pays : … » or a clause ending with a place.
    if (!w.countries.empty() && r.chance(0.5)) {
      w.word(w.name(kCountries[w.countries[0]]));
      w.mentioned.push_back(w.countries[0]);
      w.punct(" :");
      w.noun_phrase(false);
      w.verb_phrase();
      w.prepositional_phrase();
    } else {
      w.noun_phrase(false);
      w.verb_phrase();
      w.noun_phrase(false);
      if (!w.countries.empty()) w.country_locative("à");
    }
    capitalize_at(w.text, 0);
    a.title = std::move(w.text);
    w.text.clear();
    w.newline("");

    // Body: a lead naming the main country, then paragraphs.
    const int paragraphs = r.range(5, 8);
    for (int p = 0; p < paragraphs; ++p) {
      if (p > 0) w.newline("\n\n");
      if (p == 0 && !w.countries.empty()) {
        const std::size_t start = w.text.size();
        w.noun_phrase(false);
        w.verb_phrase();
        w.noun_phrase(false);
        w.country_locative("à");
        w.prepositional_phrase();
        w.punct(".");
        capitalize_at(w.text, start);
      }
      w.paragraph(r.range(3, 5));
    }
    a.body = std::move(w.text);
    for (std::size_t c : w.mentioned) a.countries.emplace_back(kCountries[c].code);
    return a;
  }

  void copy_edit(Article& a, std::uint64_t i, Rng& r) const {
    // Another outlet, the same or the next day, a few words changed, sometimes the end cut.
    const Source* s = &kSources[m_.source_zipf->draw(r)];
    if (a.source == s->name) s = &kSources[(static_cast<std::size_t>(s - kSources.data()) + 1) % kSources.size()];
    int y = std::stoi(a.date.substr(0, 4)), mo = std::stoi(a.date.substr(5, 2)), d = std::stoi(a.date.substr(8, 2));
    // Days from civil (inverse of civil_from_days).
    y -= mo <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const long day = era * 146097 + doe - 719468 + r.below(2);
    set_metadata(a, i, r, *s, day);
    if (r.chance(0.3)) {
      const auto cut = a.body.rfind("\n\n");
      if (cut != std::string::npos && cut > a.body.size() / 2) a.body.resize(cut);
    }
    std::string out;
    out.reserve(a.body.size());
    std::size_t at = 0;
    while (at < a.body.size()) {
      std::size_t end = at;
      while (end < a.body.size() && a.body[end] != ' ' && a.body[end] != '\n') ++end;
      std::string_view tok(a.body.data() + at, end - at);
      const bool plain = !tok.empty() && std::all_of(tok.begin(), tok.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (c >= 'a' && c <= 'z') || (u >= 0x80 && u != 0xC2 && u != 0xE2);  // no « » ’
      });
      if (plain && tok.size() > 3 && r.chance(0.03)) {
        out += m_.vocabulary[m_.zipf->draw(r)];
      } else {
        out += tok;
      }
      if (end < a.body.size()) out += a.body[end];
      at = end + 1;
    }
    a.body = std::move(out);
    // The cut and the changed words may have taken mentions away: keep the countries still named.
    std::vector<std::string> kept;
    for (const std::string& code : a.countries) {
      const auto c = std::find_if(kCountries.begin(), kCountries.end(), [&](const Country& k) { return k.code == code; });
      if (c != kCountries.end() && (mentions(a, *c))) kept.push_back(code);
    }
    a.countries = std::move(kept);
  }

  static std::size_t previous_char(const std::string& s, std::size_t at) {
    do {
      --at;
    } while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80);
    return at;
  }
  // A letter, a digit or a hyphen at byte `at` (ASCII, or Latin-1 and Latin Extended-A letters).
  static bool letter_at(const std::string& s, std::size_t at) {
    const auto c = static_cast<unsigned char>(s[at]);
    if (c < 0x80) return std::isalnum(c) || c == '-';
    if (at + 1 >= s.size() || (c != 0xC3 && c != 0xC4 && c != 0xC5)) return false;  // ’ « » no-break space…
    const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[at + 1]) & 0x3Fu);
    return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
  }

  // Whether the article still writes one of the forms the generator uses for the country.
  static bool mentions(const Article& a, const Country& c) {
    std::string name(c.name), straight(c.name);
    for (auto at = straight.find("’"); at != std::string::npos; at = straight.find("’")) straight.replace(at, 3, "'");
    for (const std::string_view form : {std::string_view(name), std::string_view(straight), c.adj_m, c.adj_fp}) {
      for (const std::string* text : {&a.title, &a.body}) {
        for (auto at = text->find(form); at != std::string::npos; at = text->find(form, at + 1)) {
          const bool start = at == 0 || !letter_at(*text, previous_char(*text, at));
          const std::size_t end = at + form.size();
          const bool stop = end == text->size() || !letter_at(*text, end);
          // A demonym may be followed by its feminine or plural ending (russe/russes, indien/indienne).
          if (start && (stop || form == c.adj_m)) return true;
        }
      }
    }
    return false;
  }

  const Model& m_;
  std::uint64_t seed_;
};

void usage() {
  std::cerr << "usage: depeche-gen-corpus --articles N --out DIR [--seed S] [--words FILE] [--no-scriptindex]\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t articles = 0, seed = 20261201;
  std::string out_dir, words = "/usr/share/dict/french";
  bool scriptindex = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--articles") {
      articles = std::stoull(value());
    } else if (a == "--out") {
      out_dir = value();
    } else if (a == "--seed") {
      seed = std::stoull(value());
    } else if (a == "--words") {
      words = value();
    } else if (a == "--no-scriptindex") {
      scriptindex = false;
    } else {
      usage();
      return 2;
    }
  }
  if (articles == 0 || out_dir.empty()) {
    usage();
    return 2;
  }
  try {
    std::filesystem::create_directories(out_dir);
    const Model model(words);
    const Generator gen(model, seed);
    const auto path = [&](const char* name) { return (std::filesystem::path(out_dir) / name).string(); };
    std::FILE* jsonl = std::fopen(path("articles.jsonl").c_str(), "wb");
    std::FILE* tsv = std::fopen(path("articles.countries.tsv").c_str(), "wb");
    std::FILE* dump = scriptindex ? std::fopen(path("articles.scriptindex").c_str(), "wb") : nullptr;
    if (!jsonl || !tsv || (scriptindex && !dump)) throw std::runtime_error("cannot write into " + out_dir);
    std::uint64_t total_words = 0, total_bytes = 0;
    std::string line, rec;
    for (std::uint64_t i = 0; i < articles; ++i) {
      const Article a = gen.article(i);
      line.clear();
      line += "{\"id\": ";
      append_json_string(line, a.id);
      line += ", \"title\": ";
      append_json_string(line, a.title);
      line += ", \"body\": ";
      append_json_string(line, a.body);
      line += ", \"date\": ";
      append_json_string(line, a.date);
      line += ", \"url\": ";
      append_json_string(line, a.url);
      line += ", \"source\": ";
      append_json_string(line, a.source);
      line += ", \"author\": ";
      append_json_string(line, a.author);
      line += ", \"lang\": \"fr\"}\n";
      std::fwrite(line.data(), 1, line.size(), jsonl);
      total_bytes += line.size();
      total_words += split_words(a.title).size() + split_words(a.body).size();

      std::string codes;
      for (const auto& c : a.countries) {
        if (!codes.empty()) codes += ' ';
        codes += c;
      }
      rec = a.id + '\t' + codes + '\n';
      std::fwrite(rec.data(), 1, rec.size(), tsv);

      if (dump) {
        // scriptindex dump: name=value lines, continuation lines start with '=', blank line ends.
        std::string lower = codes;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        rec.clear();
        rec += "id=" + a.id + "\ntitle=" + a.title + "\ndate=" + a.date_compact + "\nsource=" + a.source +
               "\nurl=" + a.url + "\ncountries=" + lower + "\ncountry=" +
               (a.countries.empty() ? std::string() : a.countries[0]) + "\nbody=";
        for (char ch : a.body) {
          rec += ch;
          if (ch == '\n') rec += '=';
        }
        rec += "\n\n";
        std::fwrite(rec.data(), 1, rec.size(), dump);
      }
    }
    if (std::fclose(jsonl) != 0 || std::fclose(tsv) != 0 || (dump && std::fclose(dump) != 0)) {
      throw std::runtime_error("write error in " + out_dir);
    }
    std::fprintf(stderr, "depeche-gen-corpus: %llu articles, %.0f words each on average, %.1f MB of JSON Lines, "
                         "vocabulary of %zu words\n",
                 static_cast<unsigned long long>(articles), static_cast<double>(total_words) / static_cast<double>(articles),
                 static_cast<double>(total_bytes) / 1e6, model.vocabulary.size());
  } catch (const std::exception& e) {
    std::cerr << "depeche-gen-corpus: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
