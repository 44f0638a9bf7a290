// medialit span picker (anywidget ES module, no build step).
//
// Draws the article one <p data-index data-start> per paragraph and lets the
// student mark words with the mouse (select them) or the keyboard (word
// cursor + Enter). Article text only ever enters the page through
// textContent / createTextNode, never innerHTML.
//
// Offsets sent to Python are UTF-16 offsets inside one paragraph, measured
// with a DOM Range; Python converts them to code points and snaps them to
// whole words (see span_picker.py), so this file stays small and dumb.

/** Split [0, length) at mark and cursor boundaries into styled segments. */
export function segments(length, marks, cursor) {
  const cuts = new Set([0, length]);
  const clamp = (x) => Math.max(0, Math.min(length, x));
  for (const m of marks) {
    cuts.add(clamp(m[0]));
    cuts.add(clamp(m[1]));
  }
  if (cursor) {
    cuts.add(clamp(cursor[0]));
    cuts.add(clamp(cursor[1]));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    if (a >= b) continue;
    const inMarks = marks.filter((m) => m[0] <= a && m[1] >= b).map((m) => m[2]);
    const inCursor = !!cursor && cursor[0] <= a && cursor[1] >= b;
    out.push({ from: a, to: b, marks: inMarks, cursor: inCursor });
  }
  return out;
}

/** Move a word cursor {anchor, focus} within `count` words. */
export function moveCursor(cur, key, shift, count) {
  if (count === 0) return cur;
  let focus = cur.focus;
  if (key === "ArrowRight") focus = Math.min(count - 1, focus + 1);
  else if (key === "ArrowLeft") focus = Math.max(0, focus - 1);
  else if (key === "Home") focus = 0;
  else if (key === "End") focus = count - 1;
  return { anchor: shift ? cur.anchor : focus, focus };
}

/** UTF-16 characters of paragraph `p` before the boundary (node, offset). */
function textOffset(p, node, offset) {
  const r = document.createRange();
  r.selectNodeContents(p);
  r.setEnd(node, offset);
  return r.toString().length;
}

/** The current selection inside `root`, as paragraph indexes and UTF-16 offsets, or null. */
function selectionInside(root) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const paras = [...root.querySelectorAll("p[data-index]")].filter((p) => range.intersectsNode(p));
  if (paras.length === 0) return null;
  const first = paras[0];
  const last = paras[paras.length - 1];
  const start = first.contains(range.startContainer)
    ? textOffset(first, range.startContainer, range.startOffset)
    : 0;
  const end = last.contains(range.endContainer)
    ? textOffset(last, range.endContainer, range.endOffset)
    : last.textContent.length;
  return {
    type: "select",
    start_para: Number(first.dataset.index),
    start: start,
    end_para: Number(last.dataset.index),
    end: end,
  };
}

function render({ model, el }) {
  el.classList.add("ml-picker");
  const uid = "ml-picker-" + Math.random().toString(36).slice(2, 10);

  const help = document.createElement("p");
  help.className = "ml-picker-help";
  help.id = uid + "-help";
  help.textContent = model.get("help");

  const article = document.createElement("div");
  article.className = "ml-picker-article";
  article.tabIndex = 0;
  article.setAttribute("role", "group");
  article.setAttribute("aria-roledescription", "word picker");
  article.setAttribute("aria-label", model.get("label"));
  article.setAttribute("aria-describedby", help.id);

  const live = document.createElement("div");
  live.className = "ml-picker-live ml-sr";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");

  el.append(help, article, live);

  // Keyboard cursor: paragraph position (in the list shown) and word indexes.
  // It is drawn only while the keyboard is in use: redrawing the paragraphs
  // when a mouse press focuses the article would replace the text nodes the
  // press started in, and the browser would drop the student's selection.
  let cur = { pos: 0, anchor: 0, focus: 0 };
  let cursorVisible = false;

  const paragraphs = () => model.get("paragraphs") || [];

  function cursorRange() {
    const p = paragraphs()[cur.pos];
    if (!p || !p.words.length) return null;
    const a = Math.min(cur.anchor, cur.focus);
    const b = Math.max(cur.anchor, cur.focus);
    return [p.words[a][0], p.words[b][1]];
  }

  function draw() {
    const marks = model.get("marks") || [];
    const byPara = new Map();
    for (const [para, from, to, k] of marks) {
      if (!byPara.has(para)) byPara.set(para, []);
      byPara.get(para).push([from, to, k]);
    }
    const nodes = [];
    const title = model.get("title");
    if (title) {
      const h = document.createElement("h3");
      h.className = "ml-picker-title";
      h.textContent = title;
      nodes.push(h);
    }
    paragraphs().forEach((p, pos) => {
      const el_p = document.createElement("p");
      el_p.dataset.index = String(p.index);
      el_p.dataset.start = String(p.start);
      el_p.dataset.n = String(p.n);
      const cursor = cursorVisible && pos === cur.pos ? cursorRange() : null;
      for (const seg of segments(p.text.length, byPara.get(p.index) || [], cursor)) {
        const text = document.createTextNode(p.text.slice(seg.from, seg.to));
        if (!seg.marks.length && !seg.cursor) {
          el_p.appendChild(text);
          continue;
        }
        const wrap = document.createElement(seg.marks.length ? "mark" : "span");
        if (seg.marks.length) {
          wrap.className = "ml-pick";
          wrap.dataset.mark = String(seg.marks[0]);
        }
        if (seg.cursor) wrap.classList.add("ml-cursor");
        wrap.appendChild(text);
        el_p.appendChild(wrap);
      }
      nodes.push(el_p);
    });
    article.replaceChildren(...nodes);
  }

  function say(text) {
    live.textContent = "";
    // a fresh text node makes screen readers announce repeated messages too
    window.setTimeout(() => {
      live.textContent = text;
    }, 30);
  }

  function announceCursor() {
    const p = paragraphs()[cur.pos];
    const r = cursorRange();
    if (!p || !r) return;
    say(p.text.slice(r[0], r[1]) + " (paragraph " + p.n + ")");
  }

  // Only selections that began inside the article count: a page-wide
  // selection (Ctrl+A) must not mark the whole text.
  let pressedInside = false;
  function onMouseDown() {
    pressedInside = true;
  }
  function onMouseUp() {
    if (!pressedInside) return;
    pressedInside = false;
    const hadCursor = cursorVisible;
    cursorVisible = false; // the mouse is in use: hide the keyboard cursor
    const msg = selectionInside(article);
    if (msg) {
      model.send(msg);
      window.getSelection().removeAllRanges();
    }
    if (hadCursor) draw();
  }

  function onKeyDown(ev) {
    const ps = paragraphs();
    if (!ps.length) return;
    if (cur.pos >= ps.length) cur = { pos: 0, anchor: 0, focus: 0 };
    const p = ps[cur.pos];
    const count = p ? p.words.length : 0;
    const wasVisible = cursorVisible;
    cursorVisible = true;
    let handled = true;
    if (["ArrowRight", "ArrowLeft", "Home", "End"].includes(ev.key)) {
      const next = moveCursor(cur, ev.key, ev.shiftKey, count);
      cur = { pos: cur.pos, anchor: next.anchor, focus: next.focus };
      announceCursor();
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      const pos = Math.max(0, Math.min(ps.length - 1, cur.pos + (ev.key === "ArrowDown" ? 1 : -1)));
      cur = { pos: pos, anchor: 0, focus: 0 };
      announceCursor();
    } else if (ev.key === "Enter" || ev.key === " ") {
      const r = cursorRange();
      if (r) model.send({ type: "select", start_para: p.index, start: r[0], end_para: p.index, end: r[1] });
    } else if (ev.key === "Delete" || ev.key === "Backspace") {
      const r = cursorRange();
      if (r) model.send({ type: "remove_at", para: p.index, offset: r[0] });
    } else if (ev.key === "Escape") {
      cur = { pos: cur.pos, anchor: cur.focus, focus: cur.focus };
    } else {
      handled = false;
    }
    if (handled) {
      ev.preventDefault();
      draw();
    } else if (!wasVisible) {
      cursorVisible = false;
    }
  }

  function onFocus() {
    if (pressedInside) return; // focused by a mouse press: leave the text nodes alone
    cursorVisible = true;
    draw();
    announceCursor();
  }
  function onBlur() {
    if (!cursorVisible) return;
    cursorVisible = false;
    draw();
  }

  article.addEventListener("mousedown", onMouseDown);
  article.addEventListener("keydown", onKeyDown);
  article.addEventListener("focus", onFocus);
  article.addEventListener("blur", onBlur);
  document.addEventListener("mouseup", onMouseUp);

  const onNotice = () => {
    const n = model.get("notice");
    if (n && n.text) say(n.text);
  };
  const onHelp = () => {
    help.textContent = model.get("help");
  };
  const onLabel = () => article.setAttribute("aria-label", model.get("label"));
  model.on("change:marks", draw);
  model.on("change:paragraphs", draw);
  model.on("change:title", draw);
  model.on("change:notice", onNotice);
  model.on("change:help", onHelp);
  model.on("change:label", onLabel);
  draw();

  return () => {
    document.removeEventListener("mouseup", onMouseUp);
    model.off("change:marks", draw);
    model.off("change:paragraphs", draw);
    model.off("change:title", draw);
    model.off("change:notice", onNotice);
    model.off("change:help", onHelp);
    model.off("change:label", onLabel);
  };
}

export default { render };
