// Completions from memory: a folded, sorted word list with precomputed top-k for short prefixes,
// plus entity names, swapped atomically when `depeche index` commits a new revision.
#include "server/suggester.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "analyzers/country_names.h"
#include "analyzers/stopwords.h"
#include "analyzers/text_folding.h"
#include "core/database.h"
#include "core/schema.h"

namespace depeche::server {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_operator(char c) { return c == '+' || c == '-' || c == '"' || c == '('; }

// Byte offset where the word being typed starts, after operators and an elided article
// ("+l’arm" → "arm"): what comes before it is kept as typed.
std::size_t last_word_start(std::string_view q) {
  std::size_t start = q.size();
  while (start > 0 && !is_space(q[start - 1])) --start;
  while (start < q.size() && is_operator(q[start])) ++start;
  for (std::size_t i = q.size(); i > start; --i) {
    if (q[i - 1] == '\'') return i;
    if (i >= start + 3 && q.substr(i - 3, 3) == "\xE2\x80\x99") return i;  // ’
  }
  return start;
}

// Start offsets of the whitespace-separated tokens of q.
std::vector<std::size_t> token_starts(std::string_view q) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (!is_space(q[i]) && (i == 0 || is_space(q[i - 1]))) starts.push_back(i);
  }
  return starts;
}

std::string fold_word(std::string_view w) { return analysis::fold_accents(analysis::fold_case(w)); }

}  // namespace

std::shared_ptr<const Vocabulary> Vocabulary::load(const Xapian::Database& db) {
  auto v = std::make_shared<Vocabulary>();

  // Words: merge the spellings that fold alike, displayed in their most frequent form.
  std::unordered_map<std::string, std::size_t> by_folded;
  std::vector<std::uint64_t> display_freq;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const std::string word = *it;
    if (word.size() < 2 || analysis::is_french_stopword(word)) continue;
    const std::uint64_t freq = it.get_termfreq();
    std::string folded = fold_word(word);
    if (folded.empty()) continue;
    auto [pos, fresh] = by_folded.try_emplace(std::move(folded), v->words_.size());
    if (fresh) {
      v->words_.push_back({pos->first, word, freq});
      display_freq.push_back(freq);
      continue;
    }
    Word& w = v->words_[pos->second];
    w.freq += freq;
    if (freq > display_freq[pos->second]) {
      w.display = word;
      display_freq[pos->second] = freq;
    }
  }
  std::sort(v->words_.begin(), v->words_.end(), [](const Word& a, const Word& b) { return a.folded < b.folded; });

  // Top k per short prefix: visiting words by falling frequency, the first k seen are the top k.
  std::vector<std::uint32_t> by_freq(v->words_.size());
  std::iota(by_freq.begin(), by_freq.end(), 0u);
  std::stable_sort(by_freq.begin(), by_freq.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return v->words_[a].freq > v->words_[b].freq; });
  for (std::uint32_t i : by_freq) {
    const std::string& f = v->words_[i].folded;
    for (std::size_t len = 1; len <= std::min(kPrecomputedPrefixBytes, f.size()); ++len) {
      // Only whole UTF-8 characters: a user never types half of one.
      if (len < f.size() && (static_cast<unsigned char>(f[len]) & 0xC0) == 0x80) continue;
      auto& top = v->top_by_prefix_[f.substr(0, len)];
      if (top.size() < kTopK) top.push_back(i);
    }
  }

  // Speakers, merged on their folded name like the speaker facet, labelled with the most
  // frequent spelling; counted in articles.
  struct Merged {
    std::string label;
    std::uint64_t label_count = 0, total = 0;
  };
  std::unordered_map<std::string, std::unordered_map<std::string, std::uint64_t>> spellings;
  for (auto it = db.valuestream_begin(schema::kSlotSpeakers); it != db.valuestream_end(schema::kSlotSpeakers); ++it) {
    for (const std::string& name : schema::unpack_list(*it)) {
      if (!name.empty()) ++spellings[analysis::fold_value(name)][name];
    }
  }
  auto add_entity = [&](std::string name, std::string folded, std::string kind, std::uint64_t count) {
    Entity e{std::move(name), std::move(folded), {}, std::move(kind), count};
    std::size_t i = 0;
    while (i < e.folded.size()) {
      const std::size_t space = std::min(e.folded.find(' ', i), e.folded.size());
      if (space > i) e.words.push_back(e.folded.substr(i, space - i));
      i = space + 1;
    }
    if (!e.words.empty()) v->entities_.push_back(std::move(e));
  };
  for (auto& [folded, forms] : spellings) {
    Merged m;
    for (const auto& [form, count] : forms) {
      m.total += count;
      if (count > m.label_count || (count == m.label_count && form < m.label)) {
        m.label = form;
        m.label_count = count;
      }
    }
    add_entity(m.label, folded, "speaker", m.total);
  }
  const auto& countries = analysis::CountryNames::french();
  for (const std::string& code : countries.codes()) {
    std::string lower = code;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto count = db.get_termfreq(schema::boolean_term(schema::kPrefixCountry, lower));
    if (count == 0) continue;  // a country no article mentions would find nothing
    const std::string name = countries.name(code);
    add_entity(name, analysis::fold_value(name), "country", count);
  }
  std::stable_sort(v->entities_.begin(), v->entities_.end(),
                   [](const Entity& a, const Entity& b) { return a.count > b.count; });
  return v;
}

std::vector<std::uint32_t> Vocabulary::top_words(std::string_view prefix) const {
  if (prefix.size() <= kPrecomputedPrefixBytes) {
    auto it = top_by_prefix_.find(std::string(prefix));
    return it == top_by_prefix_.end() ? std::vector<std::uint32_t>{} : it->second;
  }
  // Longer prefixes share few words; the scan is bounded all the same.
  std::vector<std::uint32_t> top;
  auto it = std::lower_bound(words_.begin(), words_.end(), prefix,
                             [](const Word& w, std::string_view p) { return w.folded < p; });
  for (std::size_t scanned = 0; it != words_.end() && scanned < kMaxScan; ++it, ++scanned) {
    if (!it->folded.starts_with(prefix)) break;
    const auto i = static_cast<std::uint32_t>(it - words_.begin());
    auto pos = std::find_if(top.begin(), top.end(), [&](std::uint32_t j) { return words_[j].freq < it->freq; });
    if (pos - top.begin() < static_cast<std::ptrdiff_t>(kTopK)) top.insert(pos, i);
    if (top.size() > kTopK) top.pop_back();
  }
  return top;
}

std::vector<Suggestion> Vocabulary::suggest(std::string_view q, std::size_t max) const {
  std::vector<Suggestion> out;
  if (q.empty() || is_space(q.back()) || max == 0) return out;  // nothing being typed
  std::unordered_set<std::string> seen;
  auto add = [&](std::string text, const std::string& kind, std::uint64_t count) {
    if (out.size() < max && seen.insert(text).second) out.push_back({std::move(text), kind, count});
  };

  // Entities: the last k typed words are the start of a name ("coree du n" → "Corée du Nord"),
  // or the last word starts one word of it ("kir" → "John Kirby").
  const std::vector<std::size_t> starts = token_starts(q);
  std::vector<std::string> tails;  // tails[k-1]: fold_value of the last k tokens, operators dropped
  std::vector<std::size_t> tail_starts;
  for (std::size_t k = 1; k <= std::min<std::size_t>(starts.size(), 6); ++k) {
    std::size_t s = starts[starts.size() - k];
    while (s < q.size() && is_operator(q[s])) ++s;
    tail_starts.push_back(s);
    tails.push_back(analysis::fold_value(q.substr(s)));
  }
  std::vector<Suggestion> entity_hits;
  static const std::string kNone;
  const std::string& last = tails.empty() ? kNone : tails.front();
  if (!last.empty()) {
    for (const Entity& e : entities_) {
      if (entity_hits.size() >= max) break;
      std::size_t replaced_from = std::string::npos;
      // Two letters at least, so a single letter does not list every name.
      for (std::size_t k = std::min(e.words.size(), tails.size()); k >= 1 && replaced_from == std::string::npos; --k) {
        if (tails[k - 1].size() >= 2 && e.folded.starts_with(tails[k - 1])) replaced_from = tail_starts[k - 1];
      }
      if (replaced_from == std::string::npos && last.size() >= 2 &&
          std::any_of(e.words.begin(), e.words.end(), [&](const std::string& w) { return w.starts_with(last); })) {
        replaced_from = tail_starts.front();
      }
      if (replaced_from != std::string::npos) {
        entity_hits.push_back({std::string(q.substr(0, replaced_from)) + e.name, e.kind, e.count});
      }
    }
  }
  // A few entities first (they are what people look for), then words, then the other entities.
  const std::size_t entities_first = std::min<std::size_t>(entity_hits.size(), max / 2);
  for (std::size_t i = 0; i < entities_first; ++i) add(entity_hits[i].text, entity_hits[i].kind, entity_hits[i].count);

  const std::size_t word_start = last_word_start(q);
  const std::string prefix = fold_word(q.substr(word_start));
  if (!prefix.empty()) {
    const std::string head(q.substr(0, word_start));
    for (std::uint32_t i : top_words(prefix)) add(head + words_[i].display, "word", words_[i].freq);
  }
  for (std::size_t i = entities_first; i < entity_hits.size(); ++i) {
    add(entity_hits[i].text, entity_hits[i].kind, entity_hits[i].count);
  }
  return out;
}

Suggester::Suggester(const std::string& db_path, SuggesterOptions options)
    : Suggester(index_at(db_path), options) {}

Suggester::Suggester(const IndexLocation& where, SuggesterOptions options) : options_(options), index_(where) {
  revision_ = revision_key();
  vocabulary_ = Vocabulary::load(index_.db());
  spdlog::info("server: suggestions loaded words={} revision={}", vocabulary_->word_count(), revision_);
  watcher_ = std::thread([this] { watch(); });
}

Suggester::~Suggester() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

std::shared_ptr<const Vocabulary> Suggester::snapshot() const {
  std::lock_guard lock(mutex_);
  return vocabulary_;
}

// Several shards have no one revision number, and remote ones tell none: the sum of the local
// shards' revisions and the number of articles change whenever any shard does (in practice).
std::string Suggester::revision_key() const {
  return std::to_string(index_.revision()) + "/" + std::to_string(index_.db().get_doccount());
}

std::vector<Suggestion> Suggester::suggest(std::string_view query) const {
  return snapshot()->suggest(query, options_.max_suggestions);
}

void Suggester::watch() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, options_.refresh_interval, [this] { return stopping_; })) {
    lock.unlock();
    try {
      index_.refresh();
      const std::string revision = revision_key();
      if (revision != revision_) {
        auto fresh = Vocabulary::load(index_.db());
        spdlog::info("server: suggestions reloaded words={} revision={}", fresh->word_count(), revision);
        revision_ = revision;
        lock.lock();
        vocabulary_ = std::move(fresh);
        lock.unlock();
      }
    } catch (const Xapian::Error& e) {
      // A writer committed twice while we read, or the index went away: keep the old copy.
      spdlog::warn("server: suggestions not reloaded: {}", e.get_description());
    } catch (const std::exception& e) {
      spdlog::warn("server: suggestions not reloaded: {}", e.what());
    }
    lock.lock();
  }
}

}  // namespace depeche::server
