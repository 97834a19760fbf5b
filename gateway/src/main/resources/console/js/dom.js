// Building the page from data without ever parsing data as HTML.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Creates an element: h('a', {href: '#x', class: 'link'}, 'text', child). Attributes whose value
 * is false, null or undefined are left out; `on*` functions become listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** An element in the SVG namespace. */
export function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An icon from the page's sprite, described for screen readers when `label` is given. */
export function icon(id, label) {
  const svg = s('svg', label ? { class: 'icon', role: 'img', 'aria-label': label } : { class: 'icon', 'aria-hidden': 'true' });
  if (label) {
    svg.append(s('title', {}, label));
  }
  svg.append(s('use', { href: `#${id}` }));
  return svg;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A <time> showing the relative time, with the exact one on hover and for assistive tech. */
export function timeElement(iso, relative, exact) {
  return h('time', { datetime: iso, title: exact, 'data-relative': iso }, relative);
}
