// Word lists behind speaker extraction: speech verbs, roles, titles, and the capitalised words
// that name places, institutions and dates rather than people. All keys are folded terms
// (Token::term: lower case, no accents, no apostrophes, compounds joined: "porteparole").
#pragma once

#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace depeche::analysis {

enum class Gender : char { kUnknown = '?', kMasculine = 'm', kFeminine = 'f' };

class SpeakerLexicon {
 public:
  // Built once on first use, immutable afterwards: shared by every thread.
  static const SpeakerLexicon& get();

  // « a déclaré », « s’est dit », « ont affirmé »: the past participle after an auxiliary,
  // accepting its feminine and plural endings.
  bool is_speech_participle(std::string_view term) const;
  // « affirme », « estiment », « dit »: present (and a few passé simple) forms.
  bool is_speech_present(std::string_view term) const;
  // Participles that report speech only in the reflexive: « s’est félicité », « s’est inquiétée ».
  bool is_reflexive_speech_participle(std::string_view term) const;
  bool is_reflexive_speech_present(std::string_view term) const;

  // a, ont, avait… (the word's `lower`, since "à" folds to "a").
  bool is_auxiliary(std::string_view lower) const;
  // Words allowed between the auxiliary and the participle: également, notamment, ainsi…
  bool is_verb_filler(std::string_view term) const;

  // A noun naming a person by function: ministre, porte-parole, entraîneur, source…
  // Returns nullptr when not a role; otherwise the role's grammatical gender when the noun
  // shows it (présidente → f), kUnknown for épicène nouns (ministre, porte-parole).
  const Gender* role_gender(std::string_view term) const;
  // Adjectives found between a determiner and a role noun: haut, ancien, nouveau, premier…
  bool is_role_adjective(std::string_view term) const;
  // A noun naming a collective speaker (ministère, gouvernement, armée, agence): not a person.
  bool is_institution_noun(std::string_view term) const;

  // M., Mme, Dr, Pr, Me, Mgr… written before a name (the word's surface, case-sensitive).
  // Returns the gender the title shows.
  const Gender* title_gender(std::string_view surface) const;

  // Capitalised words that never belong to a person's name: countries, cities, regions,
  // institutions, media, months and days, sentence adverbs.
  bool is_non_name_word(std::string_view term) const;
  // Places among those: a place name is also a first name often enough (Paris, Maurice, Israel,
  // Kenya) that it is taken as one when a surname follows it.
  bool is_place(std::string_view term) const;
  // Words that end an organisation's name (Watch, International, Times): a run of capitalised
  // words containing one is an organisation, not a person with a place name after it.
  bool is_organisation_suffix(std::string_view term) const;
  // Lower-case particles inside names: de, du, des, van, von, bin, ben, al, el, da, dos, di, le, la…
  bool is_name_particle(std::string_view lower) const;

  // Determiners that open a noun phrase; definite, indefinite and demonstrative kinds matter.
  enum class Determiner { kNone, kDefinite, kIndefinite, kDemonstrative, kPossessive };
  Determiner determiner(std::string_view lower) const;

 private:
  SpeakerLexicon();
  std::unordered_set<std::string_view> participles_;
  std::unordered_set<std::string_view> presents_;
  std::unordered_set<std::string_view> reflexive_participles_;
  std::unordered_set<std::string_view> reflexive_presents_;
  std::unordered_set<std::string_view> auxiliaries_;
  std::unordered_set<std::string_view> fillers_;
  std::unordered_map<std::string_view, Gender> roles_;
  std::unordered_set<std::string_view> role_adjectives_;
  std::unordered_set<std::string_view> institutions_;
  std::unordered_map<std::string_view, Gender> titles_;
  std::unordered_set<std::string_view> non_names_;
  std::unordered_set<std::string_view> places_;
  std::unordered_set<std::string_view> organisation_suffixes_;
  std::unordered_set<std::string_view> particles_;
  std::unordered_map<std::string_view, Determiner> determiners_;
};

}  // namespace depeche::analysis
