// The word lists of speaker extraction, as folded terms, in one place so they read as French.
#include "analyzers/speaker_lexicon.h"

#include <initializer_list>

namespace depeche::analysis {
namespace {

void add(std::unordered_set<std::string_view>& set, std::initializer_list<std::string_view> words) {
  set.insert(words.begin(), words.end());
}

// Strips one feminine/plural ending: déclarée → déclaré, dits → dit.
bool with_endings(const std::unordered_set<std::string_view>& set, std::string_view term) {
  if (set.count(term) != 0) return true;
  for (std::string_view ending : {"es", "e", "s"}) {
    if (term.size() > ending.size() + 2 && term.ends_with(ending) &&
        set.count(term.substr(0, term.size() - ending.size())) != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

const SpeakerLexicon& SpeakerLexicon::get() {
  static const SpeakerLexicon lexicon;
  return lexicon;
}

SpeakerLexicon::SpeakerLexicon() {
  // Verbs journalists use to attribute words, as past participles (folded).
  add(participles_,
      {"declare",  "affirme",  "estime",   "ajoute",    "souligne",  "indique",   "explique",
       "averti",   "dit",      "assure",   "annonce",   "reconnu",   "denonce",   "precise",
       "martele",  "insiste",  "confie",   "lance",     "repondu",   "commente",  "rappele",
       "prevenu",  "juge",     "raconte",  "glisse",    "qualifie",  "poursuivi", "conclu",
       "observe",  "note",     "releve",   "remarque",  "constate",  "admis",     "concede",
       "regrette", "deplore",  "ecrit",    "tweete",    "promis",    "dementi",   "nie",
       "reagi",    "temoigne", "resume",   "soutenu",   "argue",     "replique",  "retorque",
       "tranche",  "proteste", "predit",   "demande",   "critique",  "salue",     "confirme",
       "revele",   "signale",  "evoque",   "considere", "detaille",  "nuance",    "ironise",
       "plaisante", "lache",   "tonne",    "fustige",   "exige",     "reclame",   "souhaite",
       "espere",   "rassure",  "garanti",  "decrit",    "avance",    "repete",    "enchaine",
       "rencheri", "abonde",   "clame",    "proclame",  "accuse",    "condamne",  "plaide",
       "mis en garde", "appele", "exhorte", "tempere",  "souffle",   "precise",   "martele",
       "interpelle", "rapporte", "affirme", "assene",   "objecte",   "renchéri",  "dementi",
       "commente", "poursuivi", "souri",   "resume",    "analyse",   "mentionne", "insiste",
       "communique", "publie",  "cite",    "prevenu",   "menace",    "jure",      "admis"});
  add(presents_,
      {"declare",  "declarent", "affirme",  "affirment", "estime",   "estiment",  "ajoute",
       "ajoutent", "souligne",  "soulignent", "indique", "indiquent", "explique", "expliquent",
       "avertit",  "avertissent", "dit",    "disent",    "assure",   "assurent",  "annonce",
       "annoncent", "reconnait", "reconnaissent", "denonce", "denoncent", "precise",
       "precisent", "martele",  "insiste",  "insistent", "confie",   "confient",  "lance",
       "repond",   "repondent", "commente", "rappelle",  "rappellent", "previent", "juge",
       "jugent",   "raconte",   "racontent", "glisse",   "poursuit", "conclut",   "observe",
       "note",     "releve",    "remarque", "constate",  "admet",    "concede",   "regrette",
       "regrettent", "deplore", "deplorent", "ecrit",    "promet",   "dement",    "nie",
       "reagit",   "temoigne",  "temoignent", "resume",  "soutient", "replique",  "retorque",
       "tranche",  "proteste",  "predit",   "critique",  "salue",    "confirme",  "revele",
       "signale",  "evoque",    "considere", "detaille", "nuance",   "ironise",   "lache",
       "fustige",  "exige",     "reclame",  "souhaite",  "espere",   "rassure",   "garantit",
       "decrit",   "avance",    "repete",   "enchaine",  "rencherit", "abonde",   "clame",
       "plaide",   "plaident",  "tempere",  "souffle",   "sourit",   "resume",    "analyse",
       "martelent", "previennent", "avertissait", "declara", "affirma", "ajouta", "expliqua",
       "rapporte", "rapportent", "assene",  "objecte",   "jure",     "menace",    "accuse",
       "condamne", "appelle",   "interpelle", "rappela", "lanca",    "repondit",  "conclut"});
  add(reflexive_participles_,
      {"dit",     "felicite", "inquiete", "rejoui",   "exclame", "interroge", "alarme",
       "indigne", "insurge",  "emporte",  "defendu",  "excuse",  "exprime",   "etonne",
       "plaint",  "moque",    "prononce", "montre",   "declare", "voulu",     "engage",
       "felicitee", "desole", "souvenu",  "amuse",    "agace",   "offusque",  "refuse"});
  add(reflexive_presents_,
      {"dit",     "disent",   "felicite", "felicitent", "inquiete", "inquietent", "rejouit",
       "exclame", "interroge", "alarme",  "indigne",  "insurge", "emporte",   "defend",
       "amuse",   "etonne",   "plaint",   "souvient", "desole",  "moque",     "exprime",
       "agace",   "offusque", "declare",  "veut",     "montre"});
  add(auxiliaries_, {"a", "ont", "avait", "avaient", "aurait", "auraient", "aura", "avons",
                     "est", "sont", "etait", "s'est"});
  add(fillers_,
      {"egalement", "aussi",     "notamment", "encore",   "ensuite",   "alors",    "deja",
       "enfin",     "pourtant",  "cependant", "toutefois", "meme",     "ailleurs", "ainsi",
       "bien",      "plus",      "tard",      "aussitot", "pas",       "jamais",   "quant",
       "lui",       "elle",      "luimeme",   "ellememe", "sobrement", "encore",  "donc",
       "recemment", "hier",      "aujourdhui", "vite",    "dabord",    "mardi",    "lundi",
       "mercredi",  "jeudi",     "vendredi",  "samedi",   "dimanche",  "tout",     "simplement",
       "par",       "pour",      "sa",        "part",     "de",        "son",      "cote",
       "a",         "t",         "il",        "on",       "ils",       "elles",    "clairement",
       "publiquement", "fermement", "vivement", "immediatement", "souvent", "toujours",
       "longuement", "volontiers", "franchement", "d", "tres", "lors", "dune", "conference",
       "presse"});

  // Nouns that name a person by function; the gender where the noun itself shows it.
  constexpr Gender m = Gender::kMasculine;
  constexpr Gender f = Gender::kFeminine;
  constexpr Gender u = Gender::kUnknown;
  for (auto [word, gender] : std::initializer_list<std::pair<std::string_view, Gender>>{
           {"president", m}, {"presidente", f}, {"ministre", u}, {"porteparole", u},
           {"secretaire", u}, {"directeur", m}, {"directrice", f}, {"chef", m}, {"cheffe", f},
           {"responsable", u}, {"conseiller", m}, {"conseillere", f}, {"ambassadeur", m},
           {"ambassadrice", f}, {"diplomate", u}, {"general", m}, {"colonel", m},
           {"commandant", m}, {"capitaine", u}, {"lieutenant", m}, {"sergent", m}, {"amiral", m},
           {"marechal", m}, {"professeur", u}, {"professeure", f}, {"docteur", m},
           {"docteure", f}, {"maitre", u}, {"avocat", m}, {"avocate", f}, {"juge", u},
           {"procureur", m}, {"procureure", f}, {"depute", m}, {"deputee", f}, {"senateur", m},
           {"senatrice", f}, {"maire", u}, {"gouverneur", m}, {"gouverneure", f}, {"prefet", m},
           {"prefete", f}, {"elu", m}, {"elue", f}, {"chercheur", m}, {"chercheuse", f},
           {"analyste", u}, {"expert", m}, {"experte", f}, {"economiste", u},
           {"politologue", u}, {"historien", m}, {"historienne", f}, {"sociologue", u},
           {"specialiste", u}, {"entraineur", m}, {"entraineuse", f}, {"selectionneur", m},
           {"selectionneuse", f}, {"joueur", m}, {"joueuse", f}, {"attaquant", m},
           {"attaquante", f}, {"defenseur", m}, {"gardien", m}, {"gardienne", f}, {"pilote", u},
           {"skipper", u}, {"navigateur", m}, {"navigatrice", f}, {"coureur", m},
           {"coureuse", f}, {"athlete", u}, {"champion", m}, {"championne", f}, {"artiste", u},
           {"realisateur", m}, {"realisatrice", f}, {"cineaste", u}, {"ecrivain", m},
           {"ecrivaine", f}, {"auteur", m}, {"auteure", f}, {"autrice", f}, {"romancier", m},
           {"romanciere", f}, {"dessinateur", m}, {"dessinatrice", f}, {"acteur", m},
           {"actrice", f}, {"comedien", m}, {"comedienne", f}, {"chanteur", m},
           {"chanteuse", f}, {"musicien", m}, {"musicienne", f}, {"producteur", m},
           {"productrice", f}, {"commissaire", u}, {"delegue", m}, {"deleguee", f},
           {"representant", m}, {"representante", f}, {"envoye", m}, {"envoyee", f},
           {"emissaire", u}, {"negociateur", m}, {"negociatrice", f}, {"mediateur", m},
           {"mediatrice", f}, {"leader", u}, {"dirigeant", m}, {"dirigeante", f},
           {"fondateur", m}, {"fondatrice", f}, {"patron", m}, {"patronne", f}, {"pdg", u},
           {"vicepresident", m}, {"vicepresidente", f}, {"chancelier", m}, {"chanceliere", f},
           {"roi", m}, {"reine", f}, {"prince", m}, {"princesse", f}, {"pape", m},
           {"cardinal", m}, {"archeveque", m}, {"eveque", m}, {"imam", m}, {"rabbin", m},
           {"pasteur", m}, {"abbe", m}, {"emir", m}, {"ayatollah", m},
           {"syndicaliste", u}, {"militant", m}, {"militante", f}, {"activiste", u},
           {"manifestant", m}, {"manifestante", f}, {"habitant", m}, {"habitante", f},
           {"temoin", u}, {"etudiant", m}, {"etudiante", f}, {"agriculteur", m},
           {"agricultrice", f}, {"planteur", m}, {"commercant", m}, {"commercante", f},
           {"vendeur", m}, {"vendeuse", f}, {"pecheur", m}, {"eleveur", m}, {"ouvrier", m},
           {"ouvriere", f}, {"employe", m}, {"employee", f}, {"salarie", m}, {"salariee", f},
           {"medecin", u}, {"infirmier", m}, {"infirmiere", f}, {"chirurgien", m},
           {"chirurgienne", f}, {"epidemiologiste", u}, {"virologue", u}, {"ingenieur", m},
           {"ingenieure", f}, {"trader", u}, {"courtier", m}, {"banquier", m},
           {"banquiere", f}, {"tresorier", m}, {"tresoriere", f}, {"hautcommissaire", u},
           {"rapporteur", m}, {"rapporteuse", f}, {"observateur", m}, {"observatrice", f},
           {"journaliste", u}, {"redacteur", m}, {"redactrice", f}, {"editeur", m},
           {"editrice", f}, {"correspondant", m}, {"correspondante", f}, {"officier", m},
           {"soldat", m}, {"policier", m}, {"policiere", f}, {"gendarme", u}, {"enqueteur", m},
           {"enqueteuse", f}, {"candidat", m}, {"candidate", f}, {"opposant", m},
           {"opposante", f}, {"coordinateur", m}, {"coordinatrice", f}, {"coordonnateur", m},
           {"coordonnatrice", f}, {"adjoint", m}, {"adjointe", f}, {"membre", u},
           {"fonctionnaire", u}, {"source", u}, {"interlocuteur", m}, {"proche", u},
           {"collaborateur", m}, {"collaboratrice", f}, {"hotelier", m}, {"hoteliere", f},
           {"restaurateur", m}, {"restauratrice", f}, {"guide", u}, {"artisan", m},
           {"horloger", m}, {"horlogere", f}, {"vigneron", m}, {"vigneronne", f},
           {"viticulteur", m}, {"viticultrice", f}, {"exportateur", m}, {"exportatrice", f},
           {"importateur", m}, {"strategiste", u}, {"stratege", u}, {"consultant", m},
           {"consultante", f}, {"juriste", u}, {"constitutionnaliste", u}, {"magistrat", m},
           {"magistrate", f}, {"premier", m}, {"premiere", f}, {"numero", u}, {"mere", f},
           {"pere", m}, {"soeur", f}, {"frere", m}, {"fils", m}, {"fille", f}, {"veuve", f},
           {"epouse", f}, {"mari", m}, {"femme", f}, {"homme", m}, {"patient", m},
           {"patiente", f}, {"victime", u}, {"survivant", m}, {"survivante", f},
           {"refugie", m}, {"refugiee", f}, {"migrant", m}, {"migrante", f}, {"rescape", m},
           {"rescapee", f}, {"commentateur", m}, {"commentatrice", f}, {"professionnel", m},
           {"professionnelle", f}, {"haut-fonctionnaire", u}, {"negociant", m},
           {"negociante", f}, {"armateur", m}, {"capitaine", u}, {"marin", m}, {"navigant", m},
           {"organisateur", m}, {"organisatrice", f}, {"commissairepriseur", u},
           {"conservateur", m}, {"conservatrice", f}, {"curateur", m}, {"curatrice", f},
           {"programmateur", m}, {"programmatrice", f}, {"libraire", u}, {"editeurs", m},
           {"scenariste", u}, {"metteur", m}, {"metteuse", f}, {"sismologue", u}, {"industriel", m}, {"industrielle", f}, {"diffuseur", m}, {"diffuseuse", f}, {"epeiste", u}, {"escrimeur", m}, {"escrimeuse", f}, {"sapeur", m}, {"pompier", m}, {"secouriste", u}, {"humanitaire", u}, {"volontaire", u}, {"benevoles", u}, {"danseur", m}, {"danseuse", f},
           {"choregraphe", u}, {"photographe", u}, {"architecte", u}, {"urbaniste", u},
           {"depute-maire", u}, {"secretairegeneral", m}, {"secretairegenerale", f},
           {"sousministre", u}, {"souschef", u}, {"hautrepresentant", m},
           {"hauterepresentante", f}, {"cofondateur", m}, {"cofondatrice", f},
           {"vicepremier", m}, {"vicepremiere", f}, {"vicegouverneur", m}, {"vicechancelier", m},
           {"exministre", u}, {"expresident", m}, {"expresidente", f}, {"elue", f},
           {"ministrepresident", u}, {"generalmajor", m}, {"lieutenantcolonel", m},
           {"arbitre", u}, {"sprinteur", m}, {"sprinteuse", f}, {"boxeur", m}, {"nageur", m},
           {"nageuse", f}, {"meneur", m}, {"milieu", m}, {"buteur", m}, {"ailier", m},
           {"defenseure", f}, {"avocats", m}, {"economistes", u}, {"analystes", u},
           {"ancien", m}, {"ancienne", f}, {"interne", u}, {"cadre", u}, {"doyen", m},
           {"doyenne", f}, {"recteur", m}, {"rectrice", f}, {"superieur", m}, {"instituteur", m},
           {"institutrice", f}, {"enseignant", m}, {"enseignante", f}, {"chauffeur", m},
           {"paysan", m}, {"paysanne", f}, {"producteurs", m}, {"cultivateur", m},
           {"cultivatrice", f}, {"exploitant", m}, {"exploitante", f}, {"benevole", u},
           {"animateur", m}, {"animatrice", f}, {"createur", m}, {"creatrice", f},
           {"styliste", u}, {"designer", u}, {"patronne", f}, {"gerant", m}, {"gerante", f},
           {"proprietaire", u}, {"locataire", u}, {"riverain", m}, {"riveraine", f},
           {"voisin", m}, {"voisine", f}, {"supporteur", m}, {"supporter", m}, {"fan", u},
           {"spectateur", m}, {"spectatrice", f}, {"visiteur", m}, {"visiteuse", f},
           {"touriste", u}, {"electeur", m}, {"electrice", f}, {"parlementaire", u},
           {"conseillere", f}, {"eurodepute", m}, {"eurodeputee", f}, {"senateurs", m},
           {"porteparoles", u}, {"responsables", u}, {"diplomates", u}, {"sources", u}}) {
    roles_.emplace(word, gender);
  }
  add(role_adjectives_,
      {"haut", "haute", "ancien", "ancienne", "nouveau", "nouvel", "nouvelle", "jeune", "premier",
       "premiere", "vieux", "vieil", "vieille", "futur", "future", "actuel", "actuelle", "proche",
       "grand", "grande", "celebre", "influent", "influente", "puissant", "puissante", "eminent",
       "eminente", "petit", "petite", "simple", "autre", "deuxieme", "second", "seconde",
       "principal", "principale", "tres", "plus", "veteran", "charismatique", "jeunes", "hauts",
       "hautes", "anciens", "anciennes", "exministre", "sous"});
  add(institutions_,
      {"ministere",  "gouvernement", "armee",     "agence",     "kremlin",     "elysee",
       "matignon",   "pentagone",    "parlement", "assemblee",  "senat",       "conseil",
       "commission", "comite",       "parti",     "police",     "gendarmerie", "justice",
       "tribunal",   "cour",         "parquet",   "onu",        "otan",        "ue",
       "union",      "organisation", "banque",    "fonds",      "institut",    "office",
       "bureau",     "direction",    "administration", "presidence", "mairie", "prefecture",
       "entreprise", "societe",      "groupe",    "firme",      "compagnie",   "federation",
       "association", "ong",         "syndicat",  "club",       "equipe",      "regime",
       "junte",      "etatmajor",    "autorites", "autorite",   "diplomatie",  "departement",
       "maisonblanche", "quai",      "ambassade", "consulat",   "chancellerie", "cabinet",
       "secretariat", "hautcommissariat", "coalition", "alliance", "opposition", "majorite",
       "mouvement",  "front",        "formation", "camp",       "collectif",   "communique",
       "rapport",    "etude",        "enquete",   "presse",     "media",       "medias",
       "journal",    "quotidien",    "hebdomadaire", "chaine",  "television",  "radio",
       "site",       "reseau",       "plateforme", "laboratoire", "hopital",   "universite",
       "ecole",      "centre",       "observatoire", "fondation", "pays",      "etat",
       "etats",      "ville",        "region",    "province",   "capitale",    "municipalite",
       "collectivite", "delegation", "mission",   "assemblees", "forces",      "marine",
       "aviation",   "garde",        "services",  "service",    "renseignement", "secretariat",
       "ministeres", "gouvernements", "medecins", "gardes",     "douane",      "douanes",
       "tresor",     "fed",          "bce",       "fmi",        "oms",         "bourse",
       "marche",     "marches",      "chiffres",  "statistiques", "donnees",   "bilan",
       "sondage",    "document",     "documents", "texte",      "lettre",      "declaration",
       "communiques", "bulletin",    "agences",   "instance",   "instances",   "organe",
       "organisme",  "federale",     "conseils",  "comites",    "partis",      "syndicats",
       "associations", "ong",        "federations", "clubs",    "equipes",     "opérateur",
       "operateur",  "constructeur", "fabricant", "producteur-exportateur", "cooperative",
       "interprofession", "filiere", "secteur",   "industrie",  "ligue",       "championnat",
       "festival",   "jury",         "academie",  "musee",      "theatre",     "salon"});
  titles_ = {{"M", m},   {"M.", m},   {"MM", m},   {"Mme", f}, {"Mmes", f}, {"Mlle", f},
             {"Mlles", f}, {"Dr", u}, {"Pr", u},   {"Me", u},  {"Mgr", m},  {"Sir", m},
             {"Lord", m}, {"Lady", f}, {"Dame", f}};

  // Capitalised words that are never part of a person's name in news copy.
  add(non_names_,
      {// Institutions, bodies and their usual words.
       "maison", "blanche", "maisonblanche", "conseil", "nations", "union", "ministere",
       "gouvernement", "assemblee", "parlement", "senat", "cour", "tribunal", "commission",
       "banque", "fonds", "organisation", "agence", "comite", "parti", "front", "mouvement",
       "eglise", "universite", "institut", "centre", "fondation", "association", "federation",
       "ligue", "club", "forces", "armee", "police", "etat", "etats", "etatsunis", "republique",
       "royaume", "royaumeuni", "kremlin", "elysee", "matignon", "pentagone", "departement",
       "bureau", "office", "croixrouge", "onu", "otan", "securite", "defense", "interieur",
       "affaires", "etrangeres", "justice", "sante", "economie", "finances", "education",
       "culture", "travail", "agriculture", "environnement", "energie", "commerce", "industrie",
       "transports", "sports", "tresor", "reserve", "federale", "bourse", "groupe", "group",
       "watch", "times", "post", "journal", "news", "press", "presse", "radio", "television",
       "monde", "figaro", "liberation", "echos", "reuters", "bloomberg", "twitter", "facebook",
       "instagram", "telegram", "youtube", "google", "tiktok", "whatsapp", "airbus", "boeing",
       "cnn", "bbc", "afp", "ap", "quai", "orsay", "bercy", "beauvau", "westminster", "downing",
       "street", "capitole", "congres", "hamas", "hezbollah", "taliban", "talibans", "otan",
       "opep", "unesco", "unicef", "interpol", "europol", "frontex", "commissariat",
       "hautcommissariat", "coalition", "alliance", "ambassade", "ministre", "president",
       "presidente", "premier", "premiere", "gouverneur", "secretaire", "general", "generale",
       "national", "nationale", "nationales", "international", "internationale", "mondial",
       "mondiale", "europeen", "europeenne", "africain", "africaine", "unies", "uni", "unis",
       "democratique", "populaire", "islamique", "islamiste", "federal", "supreme", "haute",
       "haut", "grand", "grande", "nouvelle", "nouveau", "saint", "sainte", "fc", "sc",
       "olympique", "sporting", "racing", "stade", "real", "atletico", "inter", "ac", "as",
       "coupe", "ligue", "championnat", "jeux", "mondial", "euro", "tour", "festival", "prix",
       "palme", "cesar", "oscar", "oscars", "goncourt", "renaudot", "nobel", "musee", "louvre",
       "opera", "theatre", "cinema", "ecole", "lycee", "college", "hopital", "clinique",
       "academie", "sciences", "science", "recherche", "observatoire", "laboratoire", "bank",
       "fund", "council", "organization", "committee", "party", "united", "city", "airlines",
       "airways", "corp", "inc", "ltd", "sa", "holding", "holdings", "capital", "partners",
       "energy", "motors", "international", "institute", "foundation", "agency", "service",
       "services", "ministry", "department", "office", "house", "white", "human", "rights",
       "amnesty", "medecins", "frontieres", "crisis", "global", "witness", "world", "fondation",
       "dieu", "allah", "christ", "jesus", "coran", "bible", "internet", "covid", "sida",
       "ebola", "brexit", "euro", "dollar", "yuan", "rouble", "franc", "livre", "bitcoin",
       // Calendar.
       "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
       "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
       "novembre", "decembre", "paques", "ramadan", "aid", "hier", "aujourdhui",
       "demain",
       // Sentence openers that are capitalised only because they start a sentence.
       "selon", "apres", "avant", "pour", "dans", "mais", "alors", "depuis", "lors", "face",
       "interroge", "interrogee", "interroges", "interrogees", "contacte", "contactee",
       "joint", "jointe", "pourtant", "cependant", "ainsi", "enfin", "ensuite", "puis",
       "dautre", "part", "certes", "outre", "malgre", "pendant", "parmi", "sans", "sous",
       "sur", "vers", "chez", "contre", "entre", "comme", "quand", "lorsque", "si", "tandis",
       "bref", "aussi", "encore", "deja", "desormais", "dici", "la", "le", "les", "un", "une",
       "des", "du", "de", "ce", "cette", "ces", "cet", "son", "sa", "ses", "leur", "leurs",
       "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "oui", "non", "merci",
       "bonjour", "voila", "seul", "seule", "seuls", "toutes", "tous", "tout", "toute",
       "plusieurs", "certains", "certaines", "chaque", "aucun", "aucune", "autre", "autres",
       "quelques", "beaucoup", "peu", "plus", "moins", "tres", "trop", "assez", "pres",
       "loin", "ici", "partout", "notamment", "egalement", "reste", "resultat", "conclusion",
       "objectif", "probleme", "question", "reponse", "declaration", "communique", "note",
       "point", "lundi", "cote", "fin", "debut", "milieu", "an", "ans", "annee", "semaine",
       "mois", "jour", "jours", "soir", "matin", "nuit"});
  // Geography: cardinal points, continents, seas, regions, and capitals or large cities.
  add(places_,
      {"nord", "sud", "est", "ouest", "orient", "occident", "moyenorient", "procheorient",
       "extremeorient", "moyen", "proche", "golfe", "afrique", "europe", "asie", "amerique",
       "ameriques", "oceanie", "pacifique", "atlantique", "mediterranee", "sahel", "maghreb",
       "sahara", "caraibes", "balkans", "caucase", "scandinavie", "arctique", "antarctique",
       "manche", "baltique", "mer", "ocean", "mont", "lac", "fleuve", "ile", "iles", "cap",
       "peninsule", "detroit", "vallee", "bassin", "delta", "corne", "levant", "donbass",
       "crimee", "gaza", "cisjordanie", "kurdistan", "tibet", "xinjiang", "cachemire",
       "darfour", "sinai", "hautkarabakh", "karabakh", "catalogne", "corse", "bretagne",
       "normandie", "alsace", "provence", "occitanie", "wallonie", "flandre", "flandres",
       "quebec", "ontario", "californie", "texas", "floride", "bavieres", "baviere", "toscane",
       "sicile", "andalousie", "ecosse", "irlande", "galles", "paris", "londres", "washington",
       "moscou", "pekin", "beijing", "pyongyang", "seoul", "tokyo", "kiev", "kyiv", "kharkiv",
       "odessa", "marioupol", "berlin", "bruxelles", "rome", "madrid", "barcelone", "geneve",
       "new", "york", "jerusalem", "teheran", "ankara", "istanbul", "damas", "beyrouth",
       "bagdad", "caire", "alger", "tunis", "rabat", "casablanca", "dakar", "abidjan", "bamako",
       "niamey", "ouagadougou", "kinshasa", "nairobi", "addis", "abeba", "johannesburg",
       "pretoria", "lagos", "abuja", "khartoum", "tripoli", "benghazi", "riyad", "doha",
       "dubai", "abou", "dhabi", "islamabad", "kaboul", "delhi", "bombay", "mumbai", "dacca",
       "dhaka", "bangkok", "hanoi", "saigon", "manille", "jakarta", "canberra", "sydney",
       "ottawa", "montreal", "toronto", "vancouver", "mexico", "brasilia", "rio", "janeiro",
       "sao", "buenos", "aires", "lima", "bogota", "caracas", "havane",
       "portauprince", "erevan", "bakou", "tbilissi", "minsk", "varsovie", "prague", "vienne",
       "budapest", "bucarest", "athenes", "lisbonne", "dublin", "edimbourg",
       "amsterdam", "haye", "luxembourg", "strasbourg", "lyon", "marseille", "bordeaux",
       "toulouse", "lille", "nantes", "nice", "rennes", "montpellier", "avignon", "cannes",
       "hong", "kong", "hongkong", "macao", "taipei", "shanghai", "wuhan", "harare", "luanda",
       "maputo", "antananarivo", "yaounde", "douala", "libreville", "brazzaville", "cotonou",
       "lome", "accra", "conakry", "freetown", "monrovia", "nouakchott", "ndjamena", "bangui",
       "djibouti", "mogadiscio", "asmara", "kigali", "bujumbura", "kampala", "dodoma",
       "lusaka", "oslo", "stockholm", "helsinki", "copenhague", "reykjavik", "tallinn", "riga",
       "vilnius", "belgrade", "zagreb", "sarajevo", "skopje", "tirana", "chisinau", "astana",
       "tachkent", "achgabat", "douchanbe", "bichkek", "oulanbator", "rangoun", "naypyidaw",
       "phnom", "penh", "vientiane", "katmandou", "colombo", "male", "mascate", "sanaa", "aden",
       "amman", "koweit", "manama", "bahrein", "erbil", "mossoul", "alep", "idleb", "homs",
       "raqqa", "tel", "aviv", "ramallah", "haifa", "marrakech", "fes", "tanger", "oran",
       "constantine", "sfax", "sousse", "bengazi", "misrata", "goma", "bukavu", "lubumbashi",
       "kisangani", "tombouctou", "kidal", "mopti", "agadez", "tahoua", "diffa",
       "maiduguri", "kano", "port", "harcourt", "durban", "cap", "windhoek", "gaborone",
       "okinawa", "osaka", "hiroshima", "nagasaki", "fukushima", "busan", "incheon",
       "vladivostok", "sibérie", "siberie", "saintpetersbourg", "petersbourg", "donetsk",
       "louhansk", "lougansk", "zaporijia", "kherson", "bakhmout", "sebastopol", "soumy",
       "lviv", "dnipro", "chicago", "boston", "miami", "atlanta", "houston", "dallas", "seattle",
       "angeles", "los", "san", "las", "vegas", "detroit", "philadelphie",
       "baltimore", "nouvelleorleans", "monaco", "andorre", "genes", "milan", "turin", "naples",
       "venise", "munich", "hambourg", "francfort", "cologne", "zurich", "lausanne", "berne", "anvers", "liege", "gand", "bruges", "manchester", "liverpool",
       "birmingham", "glasgow", "belfast", "cardiff", "porto", "seville", "valence", "bilbao",
       "cracovie", "gdansk", "sydney", "melbourne", "auckland", "wellington", "lagos"});
  add(organisation_suffixes_,
      {"watch", "international", "internationale", "group", "groupe", "times", "post",
       "journal", "news", "press", "institute", "foundation", "fondation", "agency", "bank",
       "fund", "council", "organization", "committee", "party", "united", "city", "airlines",
       "airways", "corp", "inc", "ltd", "holding", "holdings", "capital", "partners", "energy",
       "motors", "frontieres", "witness", "club", "fc", "institut", "associes", "ministry",
       "department", "office", "service", "services", "agence", "unies", "nations"});
  add(particles_, {"de",  "du",  "des", "d'",  "van", "von", "der", "den",  "ter", "ten",
                   "bin", "ben", "ibn", "bint", "al",  "el",  "da",  "dos", "das",  "di",
                   "do",  "y",   "zu",  "la",  "le",  "del", "della", "degli", "af", "mac",
                   "ould", "abu", "abou", "st"});
  determiners_ = {{"le", Determiner::kDefinite},       {"la", Determiner::kDefinite},
                  {"les", Determiner::kDefinite},      {"l'", Determiner::kDefinite},
                  {"un", Determiner::kIndefinite},     {"une", Determiner::kIndefinite},
                  {"des", Determiner::kIndefinite},    {"plusieurs", Determiner::kIndefinite},
                  {"deux", Determiner::kIndefinite},   {"trois", Determiner::kIndefinite},
                  {"certains", Determiner::kIndefinite}, {"ce", Determiner::kDemonstrative},
                  {"cet", Determiner::kDemonstrative}, {"cette", Determiner::kDemonstrative},
                  {"ces", Determiner::kDemonstrative}, {"son", Determiner::kPossessive},
                  {"sa", Determiner::kPossessive},     {"ses", Determiner::kPossessive},
                  {"leur", Determiner::kPossessive},   {"notre", Determiner::kPossessive}};
}

bool SpeakerLexicon::is_speech_participle(std::string_view term) const {
  return with_endings(participles_, term);
}
bool SpeakerLexicon::is_speech_present(std::string_view term) const {
  return presents_.count(term) != 0;
}
bool SpeakerLexicon::is_reflexive_speech_participle(std::string_view term) const {
  return with_endings(reflexive_participles_, term);
}
bool SpeakerLexicon::is_reflexive_speech_present(std::string_view term) const {
  return reflexive_presents_.count(term) != 0;
}
bool SpeakerLexicon::is_auxiliary(std::string_view lower) const {
  return auxiliaries_.count(lower) != 0;
}
bool SpeakerLexicon::is_verb_filler(std::string_view term) const {
  return fillers_.count(term) != 0 || (term.size() > 6 && term.ends_with("ment"));
}
const Gender* SpeakerLexicon::role_gender(std::string_view term) const {
  auto it = roles_.find(term);
  return it == roles_.end() ? nullptr : &it->second;
}
bool SpeakerLexicon::is_role_adjective(std::string_view term) const {
  return role_adjectives_.count(term) != 0;
}
bool SpeakerLexicon::is_institution_noun(std::string_view term) const {
  return institutions_.count(term) != 0;
}
const Gender* SpeakerLexicon::title_gender(std::string_view surface) const {
  auto it = titles_.find(surface);
  return it == titles_.end() ? nullptr : &it->second;
}
bool SpeakerLexicon::is_non_name_word(std::string_view term) const {
  return non_names_.count(term) != 0 || places_.count(term) != 0;
}
bool SpeakerLexicon::is_place(std::string_view term) const { return places_.count(term) != 0; }
bool SpeakerLexicon::is_organisation_suffix(std::string_view term) const {
  return organisation_suffixes_.count(term) != 0;
}
bool SpeakerLexicon::is_name_particle(std::string_view lower) const {
  return particles_.count(lower) != 0;
}
SpeakerLexicon::Determiner SpeakerLexicon::determiner(std::string_view lower) const {
  auto it = determiners_.find(lower);
  return it == determiners_.end() ? Determiner::kNone : it->second;
}

}  // namespace depeche::analysis
