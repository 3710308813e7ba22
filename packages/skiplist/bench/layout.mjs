// Layout experiment: which skip-list node layout searches and inserts fastest in V8?
//   towers:   one node per key, forward pointers in an array (`next[level]`)
//   towers0:  like towers, with the level-0 pointer inlined as a field (`next0`)
//   levels:   one object per (key, level), linked right and down (no arrays)
//   levelsKey: levels with the next node's key cached in each node
//   fields:   one node per key, levels 0-2 as fields, higher levels in an array
// Run: node bench/layout.mjs [keys] [probability]
const keyCount = Number(process.argv[2] ?? 1_000_000);
const probability = Number(process.argv[3] ?? 0.25);
const maxLevel = 32;

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}
const threshold = Math.floor(probability * 2 ** 32);
function levelGenerator(seed) {
  const random = makeRandom(seed);
  return () => {
    let height = 1;
    while (height < maxLevel && random() < threshold) height++;
    return height;
  };
}
const compare = (a, b) => a - b;

class TowerNode {
  constructor(key, value, height) {
    this.key = key;
    this.value = value;
    const next = [];
    for (let i = 0; i < height; i++) next.push(null);
    this.next = next;
    this.previous = null;
  }
}
class Towers {
  constructor() {
    this.head = new TowerNode(undefined, undefined, maxLevel);
    this.level = 0;
    this.update = new Array(maxLevel).fill(this.head);
    this.randomHeight = levelGenerator(42);
  }
  set(key, value) {
    const update = this.update;
    let node = this.head;
    let known = null;
    for (let level = this.level - 1; level >= 0; level--) {
      let candidate = node.next[level];
      while (candidate !== null && candidate !== known && compare(candidate.key, key) < 0) {
        node = candidate;
        candidate = node.next[level];
      }
      known = candidate;
      update[level] = node;
    }
    if (known !== null && compare(known.key, key) === 0) {
      known.value = value;
      return;
    }
    const height = this.randomHeight();
    while (this.level < height) update[this.level++] = this.head;
    const created = new TowerNode(key, value, height);
    for (let level = 0; level < height; level++) {
      const before = update[level];
      created.next[level] = before.next[level];
      before.next[level] = created;
    }
  }
  get(key) {
    let node = this.head;
    let known = null;
    for (let level = this.level - 1; level >= 0; level--) {
      let candidate = node.next[level];
      while (candidate !== null && candidate !== known) {
        const order = compare(candidate.key, key);
        if (order < 0) {
          node = candidate;
          candidate = node.next[level];
        } else if (order === 0) return candidate.value;
        else break;
      }
      known = candidate;
    }
    return undefined;
  }
  sum() {
    let total = 0;
    for (let node = this.head.next[0]; node !== null; node = node.next[0]) total += node.value;
    return total;
  }
}

class Tower0Node {
  constructor(key, value, height) {
    this.key = key;
    this.value = value;
    this.next0 = null;
    const next = [];
    for (let i = 0; i < height; i++) next.push(null);
    this.next = next;
    this.previous = null;
  }
}
class Towers0 {
  constructor() {
    this.head = new Tower0Node(undefined, undefined, maxLevel);
    this.level = 0;
    this.update = new Array(maxLevel).fill(this.head);
    this.randomHeight = levelGenerator(42);
  }
  set(key, value) {
    const update = this.update;
    let node = this.head;
    let known = null;
    for (let level = this.level - 1; level >= 1; level--) {
      let candidate = node.next[level];
      while (candidate !== null && candidate !== known && compare(candidate.key, key) < 0) {
        node = candidate;
        candidate = node.next[level];
      }
      known = candidate;
      update[level] = node;
    }
    let candidate = node.next0;
    while (candidate !== null && candidate !== known && compare(candidate.key, key) < 0) {
      node = candidate;
      candidate = node.next0;
    }
    known = candidate;
    update[0] = node;
    if (known !== null && compare(known.key, key) === 0) {
      known.value = value;
      return;
    }
    const height = this.randomHeight();
    while (this.level < height) update[this.level++] = this.head;
    const created = new Tower0Node(key, value, height);
    created.next0 = node.next0;
    node.next0 = created;
    for (let level = 1; level < height; level++) {
      const before = update[level];
      created.next[level] = before.next[level];
      before.next[level] = created;
    }
  }
  get(key) {
    let node = this.head;
    let known = null;
    for (let level = this.level - 1; level >= 1; level--) {
      let candidate = node.next[level];
      while (candidate !== null && candidate !== known) {
        const order = compare(candidate.key, key);
        if (order < 0) {
          node = candidate;
          candidate = node.next[level];
        } else if (order === 0) return candidate.value;
        else break;
      }
      known = candidate;
    }
    let candidate = node.next0;
    while (candidate !== null && candidate !== known) {
      const order = compare(candidate.key, key);
      if (order < 0) {
        node = candidate;
        candidate = node.next0;
      } else if (order === 0) return candidate.value;
      else break;
    }
    return undefined;
  }
  sum() {
    let total = 0;
    for (let node = this.head.next0; node !== null; node = node.next0) total += node.value;
    return total;
  }
}

class LevelNode {
  constructor(key, entry, right, down) {
    this.key = key;
    this.entry = entry; // the level-0 node (holds the value)
    this.right = right;
    this.down = down;
  }
}
class Levels {
  constructor() {
    this.heads = []; // heads[level] = sentinel LevelNode of that level
    this.update = new Array(maxLevel);
    this.randomHeight = levelGenerator(42);
  }
  set(key, value) {
    const update = this.update;
    const top = this.heads.length;
    let node = top > 0 ? this.heads[top - 1] : null;
    let known = null;
    for (let level = top - 1; level >= 0; level--) {
      let candidate = node.right;
      while (candidate !== null && candidate.entry !== known && compare(candidate.key, key) < 0) {
        node = candidate;
        candidate = node.right;
      }
      known = candidate === null ? null : candidate.entry;
      update[level] = node;
      node = node.down;
    }
    if (known !== null && compare(known.key, key) === 0) {
      known.value = value;
      return;
    }
    const height = this.randomHeight();
    while (this.heads.length < height) {
      const below = this.heads.length === 0 ? null : this.heads[this.heads.length - 1];
      const head = new LevelNode(undefined, null, null, below);
      update[this.heads.length] = head;
      this.heads.push(head);
    }
    let down = null;
    let bottom = null;
    for (let level = 0; level < height; level++) {
      const before = update[level];
      const created = new LevelNode(key, bottom, before.right, down);
      if (level === 0) {
        created.entry = created;
        created.value = value;
        bottom = created;
      }
      before.right = created;
      down = created;
    }
  }
  get(key) {
    const top = this.heads.length;
    if (top === 0) return undefined;
    let node = this.heads[top - 1];
    let known = null;
    for (;;) {
      let candidate = node.right;
      while (candidate !== null && candidate.entry !== known) {
        const order = compare(candidate.key, key);
        if (order < 0) {
          node = candidate;
          candidate = node.right;
        } else if (order === 0) return candidate.entry.value;
        else break;
      }
      known = candidate === null ? null : candidate.entry;
      if (node.down === null) return undefined;
      node = node.down;
    }
  }
  sum() {
    let total = 0;
    for (let node = this.heads[0].right; node !== null; node = node.right) total += node.value;
    return total;
  }
}

// fields: one node per key, forward pointers of levels 0-2 inline as fields, higher levels in
// an array (a tower taller than 3 has probability 1/64 at p = 1/4).
const INLINE_LEVELS = 3;
class FieldNode {
  constructor(key, value, height) {
    this.key = key;
    this.value = value;
    this.next0 = null;
    this.next1 = null;
    this.next2 = null;
    let upper = null;
    if (height > INLINE_LEVELS) {
      upper = [];
      for (let i = INLINE_LEVELS; i < height; i++) upper.push(null);
    }
    this.upper = upper;
    this.previous = null;
  }
}
function nextAt(node, level) {
  switch (level) {
    case 0:
      return node.next0;
    case 1:
      return node.next1;
    case 2:
      return node.next2;
    default:
      return node.upper[level - INLINE_LEVELS];
  }
}
function setNextAt(node, level, target) {
  switch (level) {
    case 0:
      node.next0 = target;
      break;
    case 1:
      node.next1 = target;
      break;
    case 2:
      node.next2 = target;
      break;
    default:
      node.upper[level - INLINE_LEVELS] = target;
  }
}
class Fields {
  constructor() {
    this.head = new FieldNode(undefined, undefined, maxLevel);
    this.level = 0;
    this.update = new Array(maxLevel).fill(this.head);
    this.randomHeight = levelGenerator(42);
  }
  set(key, value) {
    const update = this.update;
    let node = this.head;
    let known = null;
    for (let level = this.level - 1; level >= 0; level--) {
      let candidate = nextAt(node, level);
      while (candidate !== null && candidate !== known && compare(candidate.key, key) < 0) {
        node = candidate;
        candidate = nextAt(node, level);
      }
      known = candidate;
      update[level] = node;
    }
    if (known !== null && compare(known.key, key) === 0) {
      known.value = value;
      return;
    }
    const height = this.randomHeight();
    while (this.level < height) update[this.level++] = this.head;
    const created = new FieldNode(key, value, height);
    for (let level = 0; level < height; level++) {
      const before = update[level];
      setNextAt(created, level, nextAt(before, level));
      setNextAt(before, level, created);
    }
  }
  get(key) {
    let node = this.head;
    let known = null;
    for (let level = this.level - 1; level >= 0; level--) {
      let candidate = nextAt(node, level);
      while (candidate !== null && candidate !== known) {
        const order = compare(candidate.key, key);
        if (order < 0) {
          node = candidate;
          candidate = nextAt(node, level);
        } else if (order === 0) return candidate.value;
        else break;
      }
      known = candidate;
    }
    return undefined;
  }
  sum() {
    let total = 0;
    for (let node = this.head.next0; node !== null; node = node.next0) total += node.value;
    return total;
  }
}

// levelsKey: like levels, with the next node's key cached in each node (`nextKey`), so the
// comparison that stops a level does not load the node it stops at.
const NO_KEY = Symbol('no key');
class KeyedNode {
  constructor(key, entry, right, down) {
    this.key = key;
    this.entry = entry;
    this.right = right;
    this.nextKey = right === null ? NO_KEY : right.key;
    this.down = down;
    this.value = undefined;
  }
}
class LevelsKey {
  constructor() {
    this.heads = [];
    this.update = new Array(maxLevel);
    this.randomHeight = levelGenerator(42);
  }
  set(key, value) {
    const update = this.update;
    const top = this.heads.length;
    let node = top > 0 ? this.heads[top - 1] : null;
    let knownKey = NO_KEY;
    for (let level = top - 1; level >= 0; level--) {
      let nextKey = node.nextKey;
      while (nextKey !== NO_KEY && nextKey !== knownKey) {
        const order = compare(nextKey, key);
        if (order >= 0) {
          if (order === 0) {
            node.right.entry.value = value;
            return;
          }
          knownKey = nextKey;
          break;
        }
        node = node.right;
        nextKey = node.nextKey;
      }
      update[level] = node;
      node = node.down;
    }
    const height = this.randomHeight();
    while (this.heads.length < height) {
      const below = this.heads.length === 0 ? null : this.heads[this.heads.length - 1];
      const head = new KeyedNode(undefined, null, null, below);
      update[this.heads.length] = head;
      this.heads.push(head);
    }
    let down = null;
    let bottom = null;
    for (let level = 0; level < height; level++) {
      const before = update[level];
      const created = new KeyedNode(key, bottom, before.right, down);
      if (level === 0) {
        created.entry = created;
        created.value = value;
        bottom = created;
      }
      before.right = created;
      before.nextKey = key;
      down = created;
    }
  }
  get(key) {
    const top = this.heads.length;
    if (top === 0) return undefined;
    let node = this.heads[top - 1];
    let knownKey = NO_KEY;
    for (;;) {
      let nextKey = node.nextKey;
      while (nextKey !== NO_KEY && nextKey !== knownKey) {
        const order = compare(nextKey, key);
        if (order < 0) {
          node = node.right;
          nextKey = node.nextKey;
        } else if (order === 0) return node.right.entry.value;
        else {
          knownKey = nextKey;
          break;
        }
      }
      if (node.down === null) return undefined;
      node = node.down;
    }
  }
  sum() {
    let total = 0;
    for (let node = this.heads[0].right; node !== null; node = node.right) total += node.value;
    return total;
  }
}

const random = makeRandom(7);
const keys = new Float64Array(keyCount);
for (let i = 0; i < keyCount; i++) keys[i] = random() % (keyCount * 10);
const probes = new Float64Array(keyCount);
for (let i = 0; i < keyCount; i++) probes[i] = keys[(random() % keyCount) | 0];

function time(label, action) {
  // CPU time rather than wall time: other processes share the cores.
  const start = process.cpuUsage();
  const result = action();
  const used = process.cpuUsage(start);
  const milliseconds = (used.user + used.system) / 1000;
  return { label, milliseconds, result };
}
for (const round of [1, 2]) {
  for (const [name, Type] of [
    ['towers', Towers],
    ['towers0', Towers0],
    ['levels', Levels],
    ['levelsKey', LevelsKey],
    ['fields', Fields],
  ]) {
    globalThis.gc?.();
    const list = new Type();
    const insert = time('insert', () => {
      for (let i = 0; i < keyCount; i++) list.set(keys[i], i);
    });
    const lookup = time('lookup', () => {
      let found = 0;
      for (let i = 0; i < keyCount; i++) if (list.get(probes[i]) !== undefined) found++;
      return found;
    });
    const iterate = time('iterate', () => list.sum());
    console.log(
      `round ${round} ${name.padEnd(8)} p=${probability} insert ${insert.milliseconds.toFixed(0)}ms lookup ${lookup.milliseconds.toFixed(0)}ms iterate ${iterate.milliseconds.toFixed(0)}ms found ${lookup.result} sum ${iterate.result}`,
    );
  }
}
