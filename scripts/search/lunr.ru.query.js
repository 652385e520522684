/*!
 * Russian query stemming for Material for MkDocs' search (appended at build time to the theme's
 * lunr.ru.min.js by scripts/mkdocs_hooks.py, so it runs in the search worker after lunr.ru).
 * Material appends * to every query term; lunr then skips the search pipeline, so the Russian
 * stemmer never saw the query and «комитетами» found nothing although «комитет» is indexed (as
 * its stem). This stems each query term with lunr-languages' own Russian stemmer first and keeps
 * the *: a query in any form (plural, oblique case, verbal noun, adjective) meets every form in
 * the index, and a word still being typed keeps matching as a prefix of the stems.
 * Same parser hook as our Kyrgyz module (docs/assets/javascripts/lunr/min/lunr.ky.min.js); kept as
 * its own few lines because the worker loads one language file per index, never both.
 * Licence: MIT (this project).
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.ru || !lunr.ru.stemmer) throw new Error("lunr.ru must load before the Russian query hook");
  function stem(word) {
    var w = String(word).toLowerCase().replace(/ё/g, "е");
    if (!/^[а-я]+$/.test(w) || w.length <= 3) return w;
    // The Snowball stemmer is not idempotent («защите» → «защ», but «защитой» → «защит» →
    // «защ»): the index holds both kinds of stems, and only the shortest one, as a prefix, meets
    // them all. Stem until nothing changes (at most three rounds).
    for (var i = 0; i < 3; i++) {
      var next = String(lunr.ru.stemmer(new lunr.Token(w)));
      if (next === w || next.length < 3) break;
      w = next;
    }
    return w;
  }
  lunr.ru.queryStem = stem;
  var parseTerm = lunr.QueryParser.parseTerm;
  lunr.QueryParser.parseTerm = function (parser) {
    var lexeme = parser.peekLexeme();
    if (lexeme && lexeme.type === lunr.QueryLexer.TERM) {
      var star = /\*$/.test(lexeme.str), lead = /^\*/.test(lexeme.str);
      var core = lexeme.str.replace(/^\*+|\*+$/g, "");
      lexeme.str = (lead ? "*" : "") + stem(core) + (star ? "*" : "");
    }
    return parseTerm(parser);
  };
})(typeof lunr !== "undefined" ? lunr : this.lunr);
