/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The sandbox page: chat panes that play people of the demo's commune, fed by the sandbox
 * server's events. Plain DOM, no framework; every text comes from `locales/<lang>/sandbox.json`.
 */

import type { SandboxMessage as PageMessage, PaneView, SandboxSetup as Setup } from "../wire.js";

type Lang = "vi" | "en";

const HEAD_OF = "head-of:";
const LANG_KEY = "chung-suc-sandbox-lang";

let setup: Setup;
let lang: Lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "vi";
/** The bot's clock at `clockSeenAt` (this page's time). */
let clock = { at: new Date(), seenAt: Date.now() };
const panes = new Map<string, { view: PaneView; element: HTMLElement; list: HTMLOListElement }>();

const byId = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
};

/** The text at a dotted key of the page's language, with {{name}} filled in. */
function t(key: string, values: Record<string, string> = {}): string {
  let node: unknown = setup.strings[lang];
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : "";
  }
  const text = typeof node === "string" ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
}

function say(text: string, isError = false): void {
  const status = byId("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await answer.json().catch(() => ({}))) as { error?: string };
  if (!answer.ok) throw new Error(parsed.error ?? "failed");
  return parsed;
}

/** Runs a user action, showing that it is under way and any error in the page's language. */
async function act(work: () => Promise<unknown>, done?: string): Promise<void> {
  say(t("busy"));
  try {
    await work();
    say(done ?? "");
  } catch (error) {
    const key = error instanceof Error ? error.message : "failed";
    say(t(`error.${key}`) === `error.${key}` ? t("error.failed") : t(`error.${key}`), true);
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const made = Object.assign(document.createElement(tag), props);
  made.append(...children);
  return made;
}

function formatClock(): string {
  const now = new Date(clock.at.getTime() + (Date.now() - clock.seenAt));
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    timeZone: setup.timeZone,
    weekday: "long",
    day: "numeric",
    month: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(now);
}

function showClock(iso: string): void {
  clock = { at: new Date(iso), seenAt: Date.now() };
  byId("clock-now").textContent = t("clock.now", { time: formatClock() });
}

/** What a pane's header says the person is: the role, and the hamlet of a head. */
function roleOf(view: PaneView): string {
  if (view.personaId.startsWith(HEAD_OF)) {
    const hamlet = setup.hamlets.find((h) => h.id === view.personaId.slice(HEAD_OF.length));
    return `${t("persona.headOf")} · ${hamlet?.name ?? ""}`;
  }
  const persona = setup.personas.find((p) => p.id === view.personaId);
  return t(`persona.${persona?.key ?? ""}`);
}

/** Writes every text of the page in its language. */
function translatePage(): void {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const node of document.querySelectorAll<HTMLElement>("[data-text]")) {
    node.textContent = t(node.dataset.text ?? "");
  }
  const language = byId<HTMLButtonElement>("language");
  language.textContent = t("language");
  language.lang = lang === "vi" ? "en" : "vi";
  const persona = byId<HTMLSelectElement>("persona");
  const chosen = persona.value;
  persona.replaceChildren(
    element("option", { value: HEAD_OF, textContent: t("persona.headOf") }),
    ...setup.personas.map((p) =>
      element("option", { value: p.id, textContent: t(`persona.${p.key}`) }),
    ),
  );
  persona.value = chosen || HEAD_OF;
  byId("hamlet-field").hidden = persona.value !== HEAD_OF;
  const jumps = document.querySelector(".jumps");
  jumps?.replaceChildren(
    ...setup.jumps.map((jump) => {
      const button = element("button", { type: "button", textContent: t(`clock.${jump}`) });
      button.addEventListener("click", () => jumpTo(jump));
      return button;
    }),
  );
  showClock(new Date(clock.at.getTime() + (Date.now() - clock.seenAt)).toISOString());
  for (const pane of panes.values()) renderPaneFrame(pane.view, pane.element);
}

function jumpTo(jump: string): void {
  void act(async () => {
    const answer = (await call("POST", "/api/clock", { to: jump })) as { clock: string };
    showClock(answer.clock);
    say(t("clock.moved", { time: formatClock() }));
  });
}

/** Makes a pane's section, or finds it. */
function addPane(view: PaneView): void {
  const existing = panes.get(view.id);
  if (existing) return;
  const section = element("section", { className: `pane look-${view.look}` });
  const list = element("ol", { className: "messages" });
  list.setAttribute("aria-live", "polite");
  panes.set(view.id, { view, element: section, list });
  renderPaneFrame(view, section);
  byId("panes").append(section);
}

/** The pane's header, hint and composer (rebuilt when the language changes), around its list. */
function renderPaneFrame(view: PaneView, section: HTMLElement): void {
  const pane = panes.get(view.id);
  if (!pane) return;
  const platform = view.look === "telegram" ? "Telegram" : "Zalo";
  section.setAttribute("aria-label", `${view.name} — ${platform}`);
  const close = element("button", { type: "button", className: "close", textContent: "×" });
  close.setAttribute("aria-label", t("pane.close", { name: view.name }));
  close.addEventListener("click", () =>
    act(async () => {
      await call("DELETE", `/api/panes/${view.id}`);
    }),
  );
  const header = element(
    "header",
    {},
    element(
      "div",
      { className: "who" },
      element("h2", { textContent: view.name }),
      element("p", { className: "role", textContent: `${roleOf(view)} · ${platform}` }),
    ),
    close,
  );
  const input = element("input", {
    type: "text",
    id: `say-${view.id}`,
    placeholder: t("pane.placeholder"),
    autocomplete: "off",
  });
  const inputLabel = element("label", {
    htmlFor: input.id,
    className: "visually-hidden",
    textContent: t("pane.message"),
  });
  // A broadcaster attaches a recording on Telegram; Zalo's bots take photos only.
  const takesAudio = view.look === "telegram";
  const attachLabel = t(takesAudio ? "pane.photoOrAudio" : "pane.photo");
  const photo = element("input", {
    type: "file",
    accept: takesAudio ? "image/png,image/jpeg,audio/*" : "image/png,image/jpeg",
    className: "visually-hidden",
  });
  const photoLabel = element(
    "label",
    { className: "photo", title: attachLabel },
    cameraIcon(),
    element("span", { className: "visually-hidden", textContent: attachLabel }),
    photo,
  );
  photo.setAttribute("aria-label", attachLabel);
  const sendButton = element("button", { type: "submit", textContent: t("pane.send") });
  const composer = element("form", { className: "composer" }, inputLabel, input, photoLabel);
  composer.append(sendButton);
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    void act(() => call("POST", `/api/panes/${view.id}/send`, { text }));
  });
  photo.addEventListener("change", () => {
    const chosen = photo.files?.[0];
    if (!chosen) return;
    const caption = input.value.trim();
    input.value = "";
    photo.value = "";
    const query = `caption=${encodeURIComponent(caption)}&name=${encodeURIComponent(chosen.name)}`;
    const kind = chosen.type.startsWith("audio/") ? "audio" : "photo";
    void act(async () => {
      const answer = await fetch(`/api/panes/${view.id}/${kind}?${query}`, {
        method: "POST",
        headers: { "content-type": chosen.type },
        body: chosen,
      });
      if (!answer.ok) {
        const parsed = (await answer.json().catch(() => ({}))) as { error?: string };
        throw new Error(parsed.error ?? "failed");
      }
    });
  });
  const parts: Node[] = [header, pane.list];
  if (view.look === "zalo")
    parts.push(element("p", { className: "hint", textContent: t("pane.zaloHint") }));
  parts.push(composer);
  section.replaceChildren(...parts);
}

/** A camera drawn inline: headless and older phones lack emoji fonts. */
function cameraIcon(): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "24");
  svg.setAttribute("height", "24");
  svg.setAttribute("aria-hidden", "true");
  const body = document.createElementNS(svg.namespaceURI, "path");
  body.setAttribute(
    "d",
    "M4 7h3l2-2.5h6L17 7h3a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1z",
  );
  body.setAttribute("fill", "none");
  body.setAttribute("stroke", "currentColor");
  body.setAttribute("stroke-width", "1.8");
  const lens = document.createElementNS(svg.namespaceURI, "circle");
  lens.setAttribute("cx", "12");
  lens.setAttribute("cy", "13");
  lens.setAttribute("r", "3.6");
  lens.setAttribute("fill", "none");
  lens.setAttribute("stroke", "currentColor");
  lens.setAttribute("stroke-width", "1.8");
  svg.append(body, lens);
  return svg;
}

/** Links in a text (the bot's download links on Zalo) become links the page can open. */
function withLinks(text: string): Array<Node | string> {
  const parts: Array<Node | string> = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/\S+/g)) {
    parts.push(text.slice(last, match.index));
    const url = match[0];
    const link = element("a", {
      href: `/media/link?u=${encodeURIComponent(url)}`,
      textContent: url,
    });
    link.target = "_blank";
    link.rel = "noopener";
    parts.push(link);
    last = (match.index ?? 0) + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

function renderMessage(paneId: string, message: PageMessage): HTMLLIElement {
  const item = element("li", { className: `msg ${message.from}` });
  item.dataset.id = message.id;
  if (message.card) {
    item.append(element("p", { textContent: t("pane.card", { name: message.card.name }) }));
  } else {
    const speaker = message.from === "bot" ? t("pane.bot") : t("pane.you");
    item.append(element("span", { className: "visually-hidden", textContent: `${speaker}: ` }));
  }
  if (message.photo) {
    const alt = message.card
      ? t("pane.cardAlt", { name: message.card.name })
      : message.from === "bot"
        ? t("pane.chart")
        : t("pane.yourPhoto");
    const link = element("a", { href: message.photo, target: "_blank", rel: "noopener" });
    link.append(element("img", { src: message.photo, alt, loading: "lazy" }));
    item.append(link);
  }
  if (message.text) item.append(...withLinks(message.text));
  if (message.edited)
    item.append(element("span", { className: "edited", textContent: t("pane.edited") }));
  if (message.audio) {
    const player = element("audio", { controls: true, preload: "none", src: message.audio.url });
    player.setAttribute("aria-label", t("pane.recording"));
    const download = element("a", {
      className: "file",
      href: message.audio.url,
      download: message.audio.name,
      textContent: `⬇ ${message.audio.name}`,
    });
    download.setAttribute("aria-label", t("pane.download", { name: message.audio.name }));
    item.append(player, element("br"), download);
  }
  if (message.file) {
    const download = element("a", {
      className: "file",
      href: message.file.url,
      download: message.file.name,
      textContent: `⬇ ${message.file.name}`,
    });
    download.setAttribute("aria-label", t("pane.download", { name: message.file.name }));
    item.append(element("br"), download);
  }
  const rows = message.keyboard ?? message.buttons;
  if (rows.length > 0) {
    const grid = element("div", { className: message.keyboard ? "buttons keyboard" : "buttons" });
    for (const row of rows) {
      const line = element("div", { className: "row" });
      for (const label of row) {
        const button = element("button", { type: "button", textContent: label });
        button.addEventListener("click", () =>
          act(() =>
            message.keyboard
              ? call("POST", `/api/panes/${paneId}/send`, { text: label })
              : call("POST", `/api/panes/${paneId}/press`, {
                  messageId: message.id,
                  button: label,
                }),
          ),
        );
        line.append(button);
      }
      grid.append(line);
    }
    item.append(grid);
  }
  return item;
}

function showMessage(paneId: string, message: PageMessage): void {
  const pane = panes.get(paneId);
  if (!pane) return;
  const item = renderMessage(paneId, message);
  const old = [...pane.list.children].find(
    (child) => (child as HTMLElement).dataset.id === message.id,
  );
  if (old) old.replaceWith(item);
  else {
    pane.list.append(item);
    pane.list.scrollTop = pane.list.scrollHeight;
  }
}

function showPanes(views: PaneView[]): void {
  const wanted = new Set(views.map((view) => view.id));
  for (const [id, pane] of panes) {
    if (wanted.has(id)) continue;
    pane.element.remove();
    panes.delete(id);
  }
  for (const view of views) addPane(view);
}

function listen(): void {
  const events = new EventSource("/api/events");
  events.addEventListener("message", (event) => {
    const data = JSON.parse(event.data) as { pane: string; message: PageMessage };
    showMessage(data.pane, data.message);
  });
  events.addEventListener("panes", (event) => {
    const data = JSON.parse(event.data) as { panes: PaneView[]; clock: string };
    showPanes(data.panes);
    showClock(data.clock);
  });
  events.addEventListener("reset", () => showPanes([]));
  events.addEventListener("error", () => say(t("error.offline"), true));
  events.addEventListener("open", () => say(""));
}

function wireControls(): void {
  const persona = byId<HTMLSelectElement>("persona");
  const hamletField = byId("hamlet-field");
  const hamlet = byId<HTMLSelectElement>("hamlet");
  hamlet.replaceChildren(
    ...setup.hamlets.map((h) =>
      element("option", { value: h.id, textContent: `${h.name} (${h.parentName})` }),
    ),
  );
  hamlet.value = setup.hamlets.find((h) => h.id.endsWith("nam-phong-2"))?.id ?? hamlet.value;
  const showHamlet = () => {
    hamletField.hidden = persona.value !== HEAD_OF;
  };
  persona.addEventListener("change", showHamlet);
  showHamlet();
  byId("add").addEventListener("submit", (event) => {
    event.preventDefault();
    const personaId = persona.value === HEAD_OF ? `${HEAD_OF}${hamlet.value}` : persona.value;
    const look = byId<HTMLSelectElement>("look").value;
    void act(() => call("POST", "/api/panes", { personaId, look, lang }));
  });
  byId("reset").addEventListener("click", () =>
    act(() => call("POST", "/api/reset"), t("resetDone")),
  );
  byId("language").addEventListener("click", () => {
    lang = lang === "vi" ? "en" : "vi";
    localStorage.setItem(LANG_KEY, lang);
    translatePage();
  });
  setInterval(() => {
    byId("clock-now").textContent = t("clock.now", { time: formatClock() });
  }, 15_000);
}

async function main(): Promise<void> {
  const answer = await fetch("/api/setup");
  setup = (await answer.json()) as Setup;
  clock = { at: new Date(setup.clock), seenAt: Date.now() };
  wireControls();
  translatePage();
  showPanes(setup.panes);
  listen();
}

void main();
