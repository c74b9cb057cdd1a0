// A few DOM calls, enough for the slide builders to run under `node --test`:
// elements with classes, ids, attributes, children and text. Setting
// innerHTML throws, so a builder that parsed server text as HTML fails here.

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.className = '';
    this.id = '';
    this.dir = '';
    this.lang = '';
    this.dataset = {};
    this.attributes = {};
    this.style = {};
    this.ownText = '';
  }

  get classList() {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      add: (...c) => { this.className = [...new Set([...names(), ...c])].join(' '); },
      remove: (...c) => { this.className = names().filter((n) => !c.includes(n)).join(' '); },
      contains: (c) => names().includes(c),
    };
  }

  set textContent(value) {
    this.ownText = value === null || value === undefined ? '' : String(value);
    this.children = [];
  }

  get textContent() {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }

  set innerHTML(_) {
    throw new Error('server text must never be parsed as HTML');
  }

  append(...nodes) {
    this.children.push(...nodes);
  }

  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }

  /** `.class` or `#id`, depth first. */
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  querySelectorAll(selector) {
    const match = selector.startsWith('#') ? (e) => e.id === selector.slice(1) : (e) => e.classList.contains(selector.slice(1));
    const out = [];
    const walk = (e) => {
      for (const c of e.children) {
        if (match(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}

export const fakeDocument = { createElement: (tag) => new FakeElement(tag) };
