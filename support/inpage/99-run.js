// What the installed script offers: run (one request), and part, which calls
// one named function of the parts above with req set, for the parts' own tests.
const PARTS = {
  norm, describe, candidates, visible, deepAll, flatText, shownText, hostsOf, deepHit,
  fieldsIn, fieldNames, controlNames, queryAll, resolve, closest, notFound,
  scopeRoot, one, disabled, fieldValue, actionable, reaches, animating, accName,
};
return {
  run,
  part(name, r, ...args) {
    req = r || {}; hostCache = new Map(); plain = null;
    return PARTS[name](...args);
  },
};
