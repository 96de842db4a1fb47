// Fills a text of the string table (window.PushChatText) with values, as the server does: {name}
// puts a value in; {count, plural, =0 {…} one {# line} other {# lines}} picks words by the
// page language's plural rule (Intl.PluralRules), # standing for the count; an apostrophe quotes
// a brace ('{') and two stand for one. A text is parsed once and kept.
(function () {
  'use strict';

  var plural;
  try {
    plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  } catch (e) {
    // A language tag the browser does not know: counted as English counts.
    plural = new Intl.PluralRules('en');
  }
  var parsed = new Map();

  function parse(template) {
    var at = 0;
    function pieces(inChoice) {
      var out = [];
      var literal = '';
      while (at < template.length) {
        var c = template[at];
        if (c === '}') { break; }
        if (c === '{') {
          if (literal) { out.push(literal); literal = ''; }
          out.push(placeholder());
        } else if (c === '#' && inChoice) {
          if (literal) { out.push(literal); literal = ''; }
          out.push({ pound: true });
          at++;
        } else if (c === '\'' && template[at + 1] === '\'') {
          literal += '\'';
          at += 2;
        } else if (c === '\'' && /[{}#]/.test(template[at + 1] || '')) {
          var end = template.indexOf('\'', at + 1);
          end = end < 0 ? template.length : end;
          literal += template.slice(at + 1, end);
          at = end + 1;
        } else {
          literal += c;
          at++;
        }
      }
      if (literal) { out.push(literal); }
      return out;
    }
    function word() {
      var match = /^\s*(=?[\w-]+)\s*/.exec(template.slice(at));
      at += match ? match[0].length : 0;
      return match ? match[1] : '';
    }
    function placeholder() {
      at++;
      var name = word();
      if (template[at] === '}') { at++; return { arg: name }; }
      at++; word(); at++;
      var cases = {};
      for (;;) {
        var selector = word();
        if (!selector) { at++; break; }
        at++;
        cases[selector] = pieces(true);
        at++;
      }
      return { arg: name, cases: cases };
    }
    return pieces(false);
  }

  function write(pieces, values, count) {
    return pieces.map(function (piece) {
      if (typeof piece === 'string') { return piece; }
      if (piece.pound) { return String(count); }
      var value = values[piece.arg];
      if (!piece.cases) { return value === undefined ? '' : String(value); }
      var n = Number(value) || 0;
      var chosen = piece.cases['=' + n] || piece.cases[plural.select(n)] || piece.cases.other || [];
      return write(chosen, values, n);
    }).join('');
  }

  window.PushChatFormat = function (template, values) {
    if (template === undefined) { return ''; }
    var pieces = parsed.get(template);
    if (!pieces) {
      pieces = parse(template);
      parsed.set(template, pieces);
    }
    return write(pieces, values || {}, 0);
  };
}());
