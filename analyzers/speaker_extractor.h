// Who is quoted in French news and what they said: named speakers, unnamed speakers (as roles)
// and every « … » quotation with the speaker it is attributed to.
//
// Patterns (every one leaves its name in `evidence`):
//   « … », a déclaré [à l’AFP] [le ministre] NAME     inverted subject after a speech verb
//   « … », a-t-il déclaré / dit-elle / selon lui       pronoun, resolved to the last speaker
//                                                      whose gender agrees (M./Mme, la ministre)
//   NAME a (également) déclaré (que) …                 subject before the verb
//   NAME, qui …, a déclaré / NAME, porte-parole de Y, a déclaré
//   le porte-parole de Y, NAME, a déclaré             apposition
//   selon NAME / d’après NAME
//   comme l’a souligné NAME / ce qu’a dit NAME
//   Pour NAME, …  (an opinion at the head of a sentence)
//   NAME …, VERB : « … »  (a colon hands the quote to its clause's subject)
//   NAME a rejeté … et a affirmé   (a coordinated verb shares the subject)
//   « … », a déclaré l’épéiste de 26 ans   (a definite epithet right after someone is first
//                                           named, before they spoke, is that person)
// A one-word name ("Kirby", "M. Kirby") resolves to the full name written earlier in the same
// text (surname first, then first name); the canonical name is the full name as first written,
// without titles. Unnamed people (« un responsable du ministère », « une source diplomatique »)
// become roles, never names; a definite role already seen (« le responsable ») is the same
// speaker. Institutions and places that speak (« le Kremlin a démenti », « selon l’ONU »,
// « Israël a dénoncé ») are neither speakers nor unnamed speakers.
//
// Quotes: every top-level « … » span (nested « », “ ”, ‘ ’ are part of it); a quote continues
// over a paragraph break when the next paragraph reopens with « or closes the quote. Its speaker
// is the attribution right after it, else a speech verb before it in its sentence, else (for a
// quote standing as its own sentence after « : » or after another quote) the previous speaker;
// a scare-quoted term with no speech verb in its sentence is kept with no speaker.
#pragma once

#include <string_view>
#include <vector>

#include "analyzers/entities.h"
#include "analyzers/token.h"

namespace depeche::analysis {

class SpeakerLexicon;

class SpeakerExtractor {
 public:
  SpeakerExtractor();

  struct Result {
    std::vector<SpeakerMention> speakers;  // every place a named person is reported speaking
    std::vector<UnnamedSpeaker> unnamed;   // unnamed speakers, as roles (first mention each)
    std::vector<Quote> quotes;             // every « … » quotation with its speaker (or role)
  };

  // `tokens` are FrenchAnalyzer::analyze(text) of the same text. Never throws on any bytes;
  // time is linear in the text (every look-around is bounded).
  Result extract(std::string_view text, const std::vector<Token>& tokens, TextField field) const;

 private:
  const SpeakerLexicon* lexicon_;
};

}  // namespace depeche::analysis
