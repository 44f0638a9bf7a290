// Where to drag the mouse to select UTF-16 offsets [from, to) of paragraph element p
// (used by tests/browser/exercise_drivers.py and tests/test_widgets_picker_browser.py).
(p, [from, to]) => {
  // Find the text nodes holding UTF-16 offsets [from, to) of this paragraph.
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let pos = 0, start = null, end = null, n;
  while ((n = walker.nextNode())) {
    const len = n.data.length;
    if (start === null && from < pos + len) start = [n, from - pos];
    if (end === null && to <= pos + len) { end = [n, to - pos]; break; }
    pos += len;
  }
  if (!start || !end) return null;
  const r = document.createRange();
  r.setStart(start[0], start[1]);
  r.setEnd(end[0], end[1]);
  start[0].parentElement.scrollIntoView({block: 'center'});
  const rects = [...r.getClientRects()].filter((x) => x.width > 0);
  if (!rects.length) return null;
  const a = rects[0], b = rects[rects.length - 1];
  return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2, text: r.toString()};
}
