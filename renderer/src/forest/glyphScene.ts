import { CELL, glyphAt, type GlyphLayout } from './layout';
import type { MeasureColors } from './measures';

/*
 * The forest view's drawing surface: every tree as a glyph on one <canvas>, drawn imperatively.
 * Pan, zoom and hover change only the transform or the hovered tree and ask for one animation
 * frame; nothing goes through React per frame. A frame draws the glyphs in view, one filled path
 * per colour (a 5,000-tree model is 5,000 small paths in about 25 fills). The view element carries
 * what tests and tools read: how many glyphs are laid out and drawn, the hovered tree, the transform.
 */

/** Below this glyph size on screen (px) a glyph is a plain square; above it, a tree silhouette. */
const SILHOUETTE_MIN_PX = 9;
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
/** A press that moves less than this (px) is a click, not a drag. */
const CLICK_SLOP = 4;
/** The glyph layer's margin around the bands (px), and its size limits (device px). */
const LAYER_PAD = 24;
const MAX_LAYER_SIDE = 8192;
const MAX_LAYER_PIXELS = 8_000_000;
/** After the last wheel step, how long until the zoomed view is repainted sharp. */
const ZOOM_REST_MS = 120;

export interface SceneData {
  layout: GlyphLayout;
  colors: MeasureColors;
  shape: { width: Float32Array; height: Float32Array };
}

export interface SceneCallbacks {
  /** A glyph was clicked. */
  onOpen: (tree: number) => void;
  /** Text of the hover card for a tree. */
  describe: (tree: number) => string;
}

interface Theme {
  background: string;
  band: string;
  title: string;
  selected: string;
  hovered: string;
}

function readTheme(element: HTMLElement, canvas: HTMLCanvasElement): Theme {
  const style = getComputedStyle(element);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { background: getComputedStyle(canvas).backgroundColor || '#f4f6f9', band: value('--panel', '#ffffff'), title: value('--muted', '#667085'), selected: value('--accent', '#3559e0'), hovered: value('--text', '#1b2230') };
}

export class GlyphScene {
  private data: SceneData | undefined;
  /** Tree indices grouped by palette index, rebuilt when the colours change. */
  private byColor: Int32Array[] = [];
  private scale = 1;
  private offsetX = 0;
  private offsetY = 0;
  private width = 0;
  private height = 0;
  private ratio = 1;
  private frame = 0;
  private hovered = -1;
  private selected = -1;
  private hasInteracted = false;
  private drag: { x: number; y: number; offsetX: number; offsetY: number; moved: boolean; pointer: number } | undefined;
  private theme: Theme;
  private readonly context: CanvasRenderingContext2D;
  private readonly observer: ResizeObserver;
  private painted = false;
  private drawnGlyphs = -1;
  /** Every glyph at `layerScale`, painted once (see renderLayer); 0 = no usable layer. */
  private layer: HTMLCanvasElement | undefined;
  private layerScale = 0;
  private layerData: SceneData | undefined;
  private layerTheme: Theme | undefined;
  private isZooming = false;
  private zoomRest: ReturnType<typeof setTimeout> | undefined;
  private pointer: { x: number; y: number } | undefined;
  private cardSize = { width: 0, height: 0 };
  private cardAt = { x: NaN, y: NaN };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly view: HTMLElement,
    private readonly card: HTMLElement,
    private readonly callbacks: SceneCallbacks,
  ) {
    this.context = canvas.getContext('2d', { alpha: false })!;
    this.theme = readTheme(view, canvas);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointercancel', this.onPointerCancel);
    canvas.addEventListener('pointerleave', this.onPointerLeave);
    canvas.addEventListener('wheel', this.onWheel, { passive: false });
    this.resize();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.zoomRest);
    this.observer.disconnect();
    this.canvas.removeEventListener('pointerdown', this.onPointerDown);
    this.canvas.removeEventListener('pointermove', this.onPointerMove);
    this.canvas.removeEventListener('pointerup', this.onPointerUp);
    this.canvas.removeEventListener('pointercancel', this.onPointerCancel);
    this.canvas.removeEventListener('pointerleave', this.onPointerLeave);
    this.canvas.removeEventListener('wheel', this.onWheel);
  }

  setData(data: SceneData): void {
    const isNewLayout = this.data?.layout !== data.layout;
    if (this.data?.colors !== data.colors) {
      const lists: number[][] = data.colors.palette.map(() => []);
      for (let t = 0; t < data.colors.bucket.length; t++) lists[data.colors.bucket[t]]?.push(t);
      this.byColor = lists.map((list) => Int32Array.from(list));
    }
    this.data = data;
    this.view.dataset.glyphCount = String(data.layout.treeCount);
    this.view.dataset.columns = String(data.layout.columns);
    if (isNewLayout && !this.hasInteracted) this.fit();
    this.invalidate();
  }

  setSelected(tree: number): void {
    if (tree === this.selected) return;
    this.selected = tree;
    this.invalidate();
  }

  /** Re-reads the colours of the theme (light/dark switch). */
  refreshTheme(): void {
    this.theme = readTheme(this.view, this.canvas);
    this.invalidate();
  }

  /** Every glyph in view, centred. */
  fit(): void {
    const layout = this.data?.layout;
    if (!layout || this.width === 0 || this.height === 0) return;
    const padding = 16;
    this.scale = clamp(Math.min((this.width - 2 * padding) / layout.width, (this.height - 2 * padding) / layout.height), MIN_SCALE, MAX_SCALE);
    this.offsetX = (this.width - layout.width * this.scale) / 2;
    this.offsetY = (this.height - layout.height * this.scale) / 2;
    this.invalidate();
  }

  /** Screen point (relative to the canvas) of the centre of a tree's glyph. */
  glyphCentre(tree: number): { x: number; y: number } | undefined {
    const layout = this.data?.layout;
    if (!layout || tree < 0 || tree >= layout.treeCount) return undefined;
    return { x: (layout.x[tree] + CELL / 2) * this.scale + this.offsetX, y: (layout.y[tree] + CELL / 2) * this.scale + this.offsetY };
  }

  private resize(): void {
    const box = this.canvas.getBoundingClientRect();
    this.ratio = window.devicePixelRatio || 1;
    this.layerScale = 0;
    this.width = box.width;
    this.height = box.height;
    this.canvas.width = Math.max(1, Math.round(box.width * this.ratio));
    this.canvas.height = Math.max(1, Math.round(box.height * this.ratio));
    if (!this.hasInteracted) this.fit();
    this.invalidate();
  }

  private invalidate(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /**
   * Paints every glyph at `scale` into the layer bitmap (band backgrounds and titles included), so a
   * pan is one image copy per frame. False when the layer would be too big (deep zoom on a big
   * forest): frames then draw the glyphs in view directly, which are few at such zooms.
   */
  private renderLayer(scale: number): boolean {
    const data = this.data!;
    const { layout } = data;
    const width = Math.ceil((layout.width * scale + 2 * LAYER_PAD) * this.ratio);
    const height = Math.ceil((layout.height * scale + 2 * LAYER_PAD) * this.ratio);
    if (width > MAX_LAYER_SIDE || height > MAX_LAYER_SIDE || width * height > MAX_LAYER_PIXELS) {
      this.layerScale = 0;
      return false;
    }
    const layer = (this.layer ??= document.createElement('canvas'));
    layer.width = width;
    layer.height = height;
    const context = layer.getContext('2d')!;
    context.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    this.paintGlyphs(context, scale, LAYER_PAD, LAYER_PAD, -Infinity, -Infinity, Infinity, Infinity);
    this.layerScale = scale;
    this.layerData = data;
    this.layerTheme = this.theme;
    return true;
  }

  /** Band backgrounds, titles and the glyphs inside the world rectangle (left, top)–(right, bottom), at `scale`, world origin at (originX, originY). */
  private paintGlyphs(context: CanvasRenderingContext2D, scale: number, originX: number, originY: number, left: number, top: number, right: number, bottom: number): void {
    const { layout, colors, shape } = this.data!;
    const glyph = CELL * scale;
    context.font = '600 11px Inter, system-ui, sans-serif';
    context.textBaseline = 'bottom';
    for (const band of layout.bands) {
      const y = band.rowsTop * scale + originY;
      context.fillStyle = this.theme.band;
      context.fillRect(originX - 4, y - 4, layout.width * scale + 8, band.rows * CELL * scale + 8);
      if (band.title !== undefined) {
        context.fillStyle = this.theme.title;
        context.fillText(`${band.title} · ${band.trees.length.toLocaleString('en')} trees`, originX, y - 6);
      }
    }
    const isSilhouette = glyph >= SILHOUETTE_MIN_PX;
    const inset = isSilhouette ? Math.max(1.5, glyph * 0.1) : Math.max(0.25, glyph * 0.08);
    const inner = glyph - 2 * inset;
    for (let color = 0; color < this.byColor.length; color++) {
      const trees = this.byColor[color];
      if (trees.length === 0) continue;
      context.beginPath();
      for (let i = 0; i < trees.length; i++) {
        const t = trees[i];
        const wx = layout.x[t];
        const wy = layout.y[t];
        if (wx < left || wx > right || wy < top || wy > bottom) continue;
        const sx = wx * scale + originX + inset;
        const sy = wy * scale + originY + inset;
        if (!isSilhouette) {
          context.rect(sx, sy, inner, inner);
          continue;
        }
        // A tree's silhouette: as wide as its leaves, as tall as its depth, standing on the cell's floor.
        const half = (shape.width[t] * inner) / 2;
        const centre = sx + inner / 2;
        const floor = sy + inner;
        context.moveTo(centre, floor - shape.height[t] * inner);
        context.lineTo(centre + half, floor);
        context.lineTo(centre - half, floor);
        context.closePath();
      }
      context.fillStyle = colors.palette[color];
      context.fill();
    }
  }

  private draw(): void {
    const context = this.context;
    const data = this.data;
    // The whole bitmap, in device pixels: a fractional CSS size would leave its last row half painted.
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = this.theme.background;
    context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    context.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    if (!data) return;
    const { layout } = data;
    const scale = this.scale;
    const glyph = CELL * scale;
    // World rectangle in view, one cell of margin so partly visible glyphs count.
    const left = -this.offsetX / scale - CELL;
    const top = -this.offsetY / scale - CELL;
    const right = (this.width - this.offsetX) / scale;
    const bottom = (this.height - this.offsetY) / scale;

    const isLayerCurrent = this.layerData === data && this.layerTheme === this.theme && this.layerScale > 0;
    if (isLayerCurrent && this.layerScale !== scale && this.isZooming) {
      // Mid-zoom: the last layer, stretched; a sharp one is painted once the wheel rests.
      const factor = scale / this.layerScale;
      const layer = this.layer!;
      context.drawImage(layer, this.offsetX - LAYER_PAD * factor, this.offsetY - LAYER_PAD * factor, (layer.width / this.ratio) * factor, (layer.height / this.ratio) * factor);
    } else if ((isLayerCurrent && this.layerScale === scale) || this.renderLayer(scale)) {
      const layer = this.layer!;
      context.drawImage(layer, this.offsetX - LAYER_PAD, this.offsetY - LAYER_PAD, layer.width / this.ratio, layer.height / this.ratio);
    } else this.paintGlyphs(context, scale, this.offsetX, this.offsetY, left, top, right, bottom);

    for (const [tree, colour, width] of [
      [this.selected, this.theme.selected, 2],
      [this.hovered, this.theme.hovered, 1],
    ] as const) {
      if (tree < 0 || tree >= layout.treeCount) continue;
      context.strokeStyle = colour;
      context.lineWidth = width;
      context.strokeRect(layout.x[tree] * scale + this.offsetX + 0.5, layout.y[tree] * scale + this.offsetY + 0.5, glyph - 1, glyph - 1);
    }
    let drawn = 0;
    for (let t = 0; t < layout.treeCount; t++) {
      const wx = layout.x[t];
      const wy = layout.y[t];
      if (wx >= left && wx <= right && wy >= top && wy <= bottom) drawn++;
    }
    if (drawn !== this.drawnGlyphs) {
      this.drawnGlyphs = drawn;
      this.view.dataset.drawnGlyphs = String(drawn);
    }
    this.view.dataset.view = `${scale} ${this.offsetX} ${this.offsetY}`;
    if (!this.painted) {
      this.painted = true;
      this.view.dataset.painted = 'true';
    }
    if (this.pointer) this.updateHover(this.pointer.x, this.pointer.y);
  }

  private pointOf(event: PointerEvent | WheelEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  private treeAt(x: number, y: number): number {
    return this.data ? glyphAt(this.data.layout, (x - this.offsetX) / this.scale, (y - this.offsetY) / this.scale) : -1;
  }

  /** Hover follows the pointer once per frame (events only note where it is). */
  private updateHover(x: number, y: number): void {
    const tree = this.drag?.moved ? -1 : this.treeAt(x, y);
    if (tree !== this.hovered) {
      this.hovered = tree;
      this.view.dataset.hoverTree = String(tree);
      this.invalidate();
      if (tree >= 0) {
        this.card.textContent = this.callbacks.describe(tree);
        this.card.hidden = false;
        // Measured only when its text changes, not on every pointer move.
        this.cardSize = { width: this.card.offsetWidth, height: this.card.offsetHeight };
      } else this.card.hidden = true;
    }
    if (tree >= 0 && (x !== this.cardAt.x || y !== this.cardAt.y)) {
      this.cardAt = { x, y };
      // Beside the pointer, flipped to stay inside the canvas.
      const { width, height } = this.cardSize;
      const left = x + 14 + width > this.width ? x - 14 - width : x + 14;
      const top = y + 14 + height > this.height ? y - 14 - height : y + 14;
      this.card.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
    }
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    this.drag = { x: event.clientX, y: event.clientY, offsetX: this.offsetX, offsetY: this.offsetY, moved: false, pointer: event.pointerId };
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    const point = this.pointOf(event);
    const drag = this.drag;
    if (drag) {
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) >= CLICK_SLOP) {
        drag.moved = true;
        this.canvas.setPointerCapture(drag.pointer);
        this.view.classList.add('is-panning');
      }
      if (drag.moved) {
        this.hasInteracted = true;
        this.offsetX = drag.offsetX + dx;
        this.offsetY = drag.offsetY + dy;
      }
    }
    this.pointer = point;
    this.invalidate();
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    const drag = this.drag;
    this.drag = undefined;
    this.view.classList.remove('is-panning');
    this.invalidate();
    if (!drag || drag.moved) return;
    const point = this.pointOf(event);
    const tree = this.treeAt(point.x, point.y);
    if (tree >= 0) this.callbacks.onOpen(tree);
  };

  private readonly onPointerCancel = () => {
    this.drag = undefined;
    this.view.classList.remove('is-panning');
  };

  private readonly onPointerLeave = () => {
    if (this.drag) return;
    this.pointer = undefined;
    this.updateHover(-1, -1);
  };

  private readonly onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const point = this.pointOf(event);
    const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    const next = clamp(this.scale * Math.exp(-delta * 0.0015), MIN_SCALE, MAX_SCALE);
    // Zoom about the pointer: the world point under it stays there.
    this.offsetX = point.x - ((point.x - this.offsetX) / this.scale) * next;
    this.offsetY = point.y - ((point.y - this.offsetY) / this.scale) * next;
    this.scale = next;
    this.hasInteracted = true;
    this.pointer = point;
    this.isZooming = true;
    clearTimeout(this.zoomRest);
    this.zoomRest = setTimeout(() => {
      this.isZooming = false;
      this.invalidate();
    }, ZOOM_REST_MS);
    this.invalidate();
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
