// Dépêche search page (GET /): plain JavaScript over /api/search and /api/suggest.
//
// SECURITY: every text from the API or from the query is inserted with textContent or as an
// attribute value. The only innerHTML assignments are hits[].title_html, hits[].snippet.html and
// quotes[].html, which the server has already HTML-escaped (only <mark> is added); see docs/JSON.md.
// No HTML is ever built from the query text.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const form = $('search-form');
  const input = $('q');
  const listbox = $('suggestions');
  const quotesBox = $('quotes');
  const sortBox = $('sort');
  const PER_PAGE = 10;
  const nf = new Intl.NumberFormat('fr-FR');
  const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

  // The search state, mirrored in the page's own URL (?q=…&country=KP…) so a search can be shared.
  let state = readUrl();

  function readUrl() {
    const p = new URLSearchParams(location.search);
    return {
      q: p.get('q') || '',
      country: p.getAll('country'),
      speaker: p.getAll('speaker'),
      from: p.get('from') || '',
      to: p.get('to') || '',
      page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
      quotes: p.get('quotes') === '1',
      sort: p.get('sort') || 'relevance',
    };
  }

  function toParams(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    s.country.forEach((c) => p.append('country', c));
    s.speaker.forEach((c) => p.append('speaker', c));
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.quotes) p.set('quotes', '1');
    if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
    return p;
  }

  function hasSearch(s) {
    return Boolean(s.q || s.country.length || s.speaker.length || s.from || s.to);
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function formatDate(iso) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || '');
    if (!m) return '';
    if (!m[2]) return m[1];
    if (!m[3]) return MONTHS[+m[2] - 1] + ' ' + m[1];
    return String(+m[3]) + ' ' + MONTHS[+m[2] - 1] + ' ' + m[1];
  }

  // ---- Search ------------------------------------------------------------------------------------
  let searchSeq = 0;

  function go(changes, push = true) {
    state = Object.assign({}, state, changes);
    const qs = toParams(state).toString();
    const url = location.pathname + (qs ? '?' + qs : '');
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    runSearch();
  }

  async function runSearch() {
    input.value = state.q;
    quotesBox.checked = state.quotes;
    sortBox.value = state.sort;
    const seq = ++searchSeq;
    if (!hasSearch(state)) {
      clearResults();
      setStatus('');
      return;
    }
    setStatus('Recherche…');
    document.body.setAttribute('aria-busy', 'true');
    const p = toParams(state);
    p.set('per_page', String(PER_PAGE));
    try {
      const res = await fetch('/api/search?' + p.toString(), { headers: { Accept: 'application/json' } });
      let data = null;
      try { data = await res.json(); } catch (_) { data = null; }
      if (seq !== searchSeq) return;  // a newer search was started meanwhile
      if (!res.ok) throw new Error((data && data.error) || ('HTTP ' + res.status));
      render(data);
    } catch (err) {
      if (seq !== searchSeq) return;
      clearResults();
      setStatus('La recherche a échoué : ' + (err && err.message ? err.message : String(err)), 'error');
    } finally {
      if (seq === searchSeq) document.body.removeAttribute('aria-busy');
    }
  }

  function setStatus(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.className = 'status' + (kind ? ' status-' + kind : '');
  }

  function clearResults() {
    for (const id of ['hits', 'quotes-list', 'notes', 'active-filters']) $(id).replaceChildren();
    for (const id of ['quotes-list', 'notes', 'active-filters', 'didyoumean', 'pagination', 'timeline', 'facets']) {
      $(id).hidden = true;
    }
    $('timeline-chart').replaceChildren();
  }

  function render(data) {
    clearResults();
    const counts = data.counts || {};
    const fb = data.feedback || {};
    const articles = counts.articles || 0;
    const stories = counts.stories || 0;
    const approx = counts.exact === false ? 'au moins ' : '';
    if (state.quotes) {
      const nq = counts.quotes || (data.quotes || []).length;
      setStatus(nq ? approx + nf.format(nq) + (nq > 1 ? ' citations' : ' citation') +
        ' dans ' + nf.format(articles) + (articles > 1 ? ' articles' : ' article') : emptyText());
    } else if (articles === 0) {
      setStatus(emptyText(), 'empty');
    } else {
      let t = approx + nf.format(articles) + (articles > 1 ? ' articles' : ' article');
      if (stories && stories !== articles) t += ' (' + nf.format(stories) + (stories > 1 ? ' sujets' : ' sujet') + ')';
      setStatus(t);
    }

    // "Did you mean": the corrected query, as text, in a button.
    if (fb.corrected_query && fb.corrected_query !== state.q) {
      const dym = $('didyoumean');
      dym.append(fb.showing_corrected ? 'Résultats pour ' : 'Vouliez-vous dire : ',
        el('button', { type: 'button', class: 'link', text: fb.corrected_query,
          onclick: () => go({ q: fb.corrected_query, page: 1 }) }), ' ?');
      dym.hidden = false;
    }
    const notes = fb.notes || [];
    if (fb.timed_out && !notes.length) notes.push('La recherche a été interrompue : résultats partiels.');
    if (notes.length) {
      notes.forEach((n) => $('notes').append(el('li', { text: n })));
      $('notes').hidden = false;
    }
    renderActiveFilters(data.facets || {});
    renderTimeline(data.facets || {});
    renderFacets(data.facets || {});
    if (state.quotes) renderQuotes(data.quotes || []);
    renderHits(data.hits || []);
    renderPagination(state.quotes ? (counts.quotes || 0) : stories || articles);
  }

  function emptyText() {
    return state.q ? 'Aucun résultat pour « ' + state.q + ' »' : 'Aucun résultat pour ces filtres';
  }

  function renderHits(hits) {
    const list = $('hits');
    for (const h of hits) {
      // Only http(s) links from the data: never a javascript: or data: URL.
      const href = /^https?:\/\//i.test(h.url || '') ? h.url : '/api/articles/' + encodeURIComponent(h.id);
      const title = el('a', { href, class: 'hit-title' });
      title.innerHTML = h.title_html || '';  // server-escaped, <mark> only (see top of file)
      if (!h.title_html) title.textContent = h.title || h.id;
      const meta = el('p', { class: 'hit-meta' });
      if (h.date) meta.append(el('time', { datetime: h.date.slice(0, 10), text: formatDate(h.date) }));
      if (h.source) meta.append(el('span', { class: 'hit-source', text: h.source }));
      const snippet = el('p', { class: 'hit-snippet' });
      if (h.snippet && h.snippet.html) snippet.innerHTML = h.snippet.html;  // server-escaped
      const tags = el('p', { class: 'hit-tags' });
      (h.countries || []).forEach((c) => tags.append(el('span', { class: 'tag tag-country', text: c.name || c.code })));
      (h.speakers || []).forEach((s) => tags.append(el('span', { class: 'tag tag-speaker', text: s })));
      const item = el('li', { class: 'hit' }, el('h3', null, title), meta, snippet);
      if (tags.childNodes.length) item.append(tags);
      if (h.similar > 0) {
        item.append(el('p', { class: 'hit-similar', text: h.similar + (h.similar > 1 ? ' articles similaires' : ' article similaire') }));
      }
      list.append(item);
    }
  }

  function renderQuotes(quotes) {
    const list = $('quotes-list');
    for (const q of quotes) {
      const text = el('blockquote', { class: 'quote-text' });
      text.innerHTML = q.html || '';  // server-escaped, <mark> only
      if (!q.html) text.textContent = q.text || '';
      const who = q.speaker || q.role || 'Locuteur non nommé';
      const cite = el('p', { class: 'quote-meta' }, el('span', { class: 'quote-speaker', text: who }));
      if (q.title) cite.append(' — ', el('cite', { text: q.title }));
      if (q.date) cite.append(', ', el('time', { datetime: q.date.slice(0, 10), text: formatDate(q.date) }));
      if (q.source) cite.append(', ', q.source);
      list.append(el('li', { class: 'quote' }, text, cite));
    }
    list.hidden = quotes.length === 0;
  }

  function renderPagination(total) {
    const pages = Math.min(Math.ceil(total / PER_PAGE), Math.floor(1000 / PER_PAGE));
    const nav = $('pagination');
    nav.replaceChildren();
    if (pages <= 1) return;
    const cur = state.page;
    const list = el('ul');
    const add = (label, page, opts = {}) => {
      const b = el('button', { type: 'button', text: label, 'aria-label': opts.aria, 'aria-current': opts.current ? 'page' : null,
        disabled: opts.disabled, onclick: () => { go({ page }); $('results-region').focus(); } });
      list.append(el('li', null, b));
    };
    add('‹ Précédente', cur - 1, { disabled: cur <= 1, aria: 'Page précédente' });
    const from = Math.max(1, cur - 2), to = Math.min(pages, cur + 2);
    for (let p = from; p <= to; p++) add(String(p), p, { current: p === cur, aria: 'Page ' + p });
    add('Suivante ›', cur + 1, { disabled: cur >= pages, aria: 'Page suivante' });
    nav.append(list);
    nav.hidden = false;
  }

  // ---- Facets and filters ------------------------------------------------------------------------
  const FACETS = [
    { name: 'country', title: 'Pays', param: 'country' },
    { name: 'speaker', title: 'Personnes citées', param: 'speaker' },
    { name: 'year', title: 'Années', param: null },
  ];

  function renderFacets(facets) {
    let any = false;
    for (const f of FACETS) {
      const box = $('facet-' + f.name);
      box.replaceChildren();
      const values = (facets[f.name] || []).slice(0, 12);
      if (!values.length) continue;
      any = true;
      const headId = 'facet-h-' + f.name;
      const ul = el('ul', { 'aria-labelledby': headId });
      for (const v of values) {
        const active = f.param ? state[f.param].includes(v.value) : (state.from === v.value && state.to === v.value);
        const b = el('button', { type: 'button', class: 'facet-value', 'aria-pressed': active ? 'true' : 'false',
          'data-value': v.value, onclick: () => toggleFacet(f, v.value) },
          el('span', { class: 'facet-label', text: v.label }), el('span', { class: 'facet-count', text: nf.format(v.count) }));
        ul.append(el('li', null, b));
      }
      box.append(el('h3', { id: headId, text: f.title }), ul);
    }
    $('facets').hidden = !any;
  }

  function toggleFacet(f, value) {
    if (!f.param) {  // a year: that year, or back to all years
      const same = state.from === value && state.to === value;
      go({ from: same ? '' : value, to: same ? '' : value, page: 1 });
      return;
    }
    const list = state[f.param].includes(value) ? state[f.param].filter((x) => x !== value) : state[f.param].concat([value]);
    go({ [f.param]: list, page: 1 });
  }

  function renderActiveFilters(facets) {
    const ul = $('active-filters');
    const label = (name, value) => {
      const hit = (facets[name] || []).find((v) => v.value === value);
      return hit ? hit.label : value;
    };
    const chip = (text, changes) => ul.append(el('li', null, el('button', { type: 'button', class: 'chip',
      'aria-label': 'Retirer le filtre ' + text, onclick: () => go(Object.assign({ page: 1 }, changes)) }, text + ' ×')));
    state.country.forEach((c) => chip(label('country', c), { country: state.country.filter((x) => x !== c) }));
    state.speaker.forEach((s) => chip(s, { speaker: state.speaker.filter((x) => x !== s) }));
    if (state.from || state.to) {
      const period = state.from === state.to ? state.from : (state.from || '…') + ' → ' + (state.to || '…');
      chip('Période : ' + period, { from: '', to: '' });
    }
    ul.hidden = !ul.childNodes.length;
  }

  // ---- Timeline: SVG bars per year (or month), brushed with the mouse or activated by keyboard --
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    return n;
  }

  function renderTimeline(facets) {
    const byMonth = (facets.month || []).length > 1 && (facets.year || []).length <= 3;
    const bars = byMonth ? facets.month : (facets.year || []);
    const box = $('timeline-chart');
    box.replaceChildren();
    if (!bars || bars.length < 1) return;
    const W = 640, H = 120, pad = 18, gap = 2;
    const max = Math.max(...bars.map((b) => b.count));
    const bw = (W - gap * (bars.length - 1)) / bars.length;
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H + pad}`, class: 'timeline-svg', role: 'group',
      'aria-labelledby': 'timeline-caption' });
    const brush = svg('rect', { class: 'timeline-brush', x: 0, y: 0, width: 0, height: H, visibility: 'hidden' });
    chart.append(brush);
    const rects = [];
    bars.forEach((b, i) => {
      const h = Math.max(2, Math.round((b.count / max) * (H - 14)));
      const x = i * (bw + gap);
      const g = svg('g', { class: 'timeline-bar', tabindex: 0, role: 'button', 'data-value': b.value,
        'aria-label': `${b.label} : ${b.count} article${b.count > 1 ? 's' : ''}` });
      const title = svg('title');
      title.textContent = `${b.label} : ${b.count}`;
      g.append(title, svg('rect', { class: 'timeline-hit', x, y: 0, width: bw, height: H + pad }),
        svg('rect', { class: 'timeline-fill', x, y: H - h, width: bw, height: h }));
      if (bars.length <= 16 || i % Math.ceil(bars.length / 12) === 0) {
        const t = svg('text', { x: x + bw / 2, y: H + pad - 4, 'text-anchor': 'middle', class: 'timeline-label' });
        t.textContent = byMonth ? b.value.slice(5) + '/' + b.value.slice(2, 4) : b.value;
        g.append(t);
      }
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); setRange(b.value, b.value); }
      });
      chart.append(g);
      rects.push({ x, value: b.value });
    });
    // Mouse (pointer) brushing: drag across bars to pick a range; a click picks one bar.
    const indexAt = (clientX) => {
      const r = chart.getBoundingClientRect();
      const vx = ((clientX - r.left) / r.width) * W;
      return Math.max(0, Math.min(bars.length - 1, Math.floor(vx / (bw + gap))));
    };
    let start = null;
    chart.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      start = indexAt(e.clientX);
      chart.setPointerCapture(e.pointerId);
      drawBrush(start, start);
      e.preventDefault();
    });
    chart.addEventListener('pointermove', (e) => { if (start !== null) drawBrush(start, indexAt(e.clientX)); });
    chart.addEventListener('pointerup', (e) => {
      if (start === null) return;
      const end = indexAt(e.clientX);
      const a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      setRange(bars[a].value, bars[b].value);
    });
    function drawBrush(a, b) {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      brush.setAttribute('x', String(rects[lo].x));
      brush.setAttribute('width', String(rects[hi].x + bw - rects[lo].x));
      brush.setAttribute('visibility', 'visible');
    }
    box.append(chart);
    $('timeline').hidden = false;
  }

  function setRange(from, to) {
    if (state.from === from && state.to === to) go({ from: '', to: '', page: 1 });
    else go({ from, to, page: 1 });
  }

  // ---- Suggestions: a combobox with a listbox (WAI-ARIA pattern) ------------------------------------
  let suggestTimer = 0, suggestSeq = 0, active = -1, items = [];

  function closeSuggestions() {
    listbox.hidden = true;
    listbox.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
    items = [];
  }

  function showSuggestions(list) {
    listbox.replaceChildren();
    items = list;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (!list.length) { closeSuggestions(); return; }
    list.forEach((s, i) => {
      const li = el('li', { id: 'suggestion-' + i, role: 'option', 'aria-selected': 'false', class: 'suggestion' },
        el('span', { class: 'suggestion-text', text: s.text }));
      if (s.kind === 'speaker' || s.kind === 'country') {
        li.append(el('span', { class: 'suggestion-kind', text: s.kind === 'speaker' ? 'personne' : 'pays' }));
      }
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      listbox.append(li);
    });
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function highlight(i) {
    const opts = listbox.querySelectorAll('[role=option]');
    opts.forEach((o, j) => o.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    active = i;
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', opts[i].id);
      opts[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(i) {
    const s = items[i];
    closeSuggestions();
    if (!s) return;
    input.value = s.text;
    go({ q: s.text, page: 1 });
  }

  input.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    const q = input.value;
    if (!q.trim() || /\s$/.test(q)) { closeSuggestions(); return; }
    suggestTimer = setTimeout(async () => {
      const seq = ++suggestSeq;
      try {
        const res = await fetch('/api/suggest?q=' + encodeURIComponent(q));
        if (!res.ok) return;
        const data = await res.json();
        if (seq !== suggestSeq || input.value !== q) return;
        showSuggestions(data.suggestions || []);
      } catch (_) { /* suggestions are optional */ }
    }, 80);
  });

  input.addEventListener('keydown', (e) => {
    const open = !listbox.hidden && items.length > 0;
    if (e.key === 'ArrowDown' && open) { e.preventDefault(); highlight((active + 1) % items.length); }
    else if (e.key === 'ArrowUp' && open) { e.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
    else if (e.key === 'Escape' && open) { e.preventDefault(); closeSuggestions(); }
    else if (e.key === 'Enter' && open && active >= 0) { e.preventDefault(); choose(active); }
  });
  input.addEventListener('blur', () => setTimeout(closeSuggestions, 100));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(suggestTimer);
    suggestSeq++;
    closeSuggestions();
    go({ q: input.value.trim(), page: 1 });
  });
  quotesBox.addEventListener('change', () => go({ quotes: quotesBox.checked, page: 1 }));
  sortBox.addEventListener('change', () => go({ sort: sortBox.value, page: 1 }));
  window.addEventListener('popstate', () => { state = readUrl(); runSearch(); });

  runSearch();
})();
