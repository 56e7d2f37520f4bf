import { useEffect, useRef } from 'react';
import { GlyphScene, type SceneData } from './glyphScene';
import { useForest } from './forestStore';
import { themeStore } from '../desktop/theme';

interface GlyphCanvasProps {
  data: SceneData;
  selectedTree: number;
  /** The forest view element: the scene writes its glyph counts and hover state there. */
  view: React.RefObject<HTMLDivElement | null>;
  describe: (tree: number) => string;
  onOpen: (tree: number) => void;
}

/** Mounts the imperative glyph scene once and hands it new data; React never re-renders per frame. */
export function GlyphCanvas({ data, selectedTree, view, describe, onOpen }: GlyphCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const scene = useRef<GlyphScene | undefined>(undefined);
  const callbacks = useRef({ describe, onOpen });
  callbacks.current = { describe, onOpen };
  const fitRequest = useForest((state) => state.fitRequest);

  useEffect(() => {
    const made = new GlyphScene(canvas.current!, view.current!, card.current!, {
      describe: (tree) => callbacks.current.describe(tree),
      onOpen: (tree) => callbacks.current.onOpen(tree),
    });
    scene.current = made;
    // The canvas paints with the theme's colours: read them again when the theme changes.
    const stopTheme = themeStore.subscribe(() => requestAnimationFrame(() => made.refreshTheme()));
    return () => {
      stopTheme();
      made.destroy();
      scene.current = undefined;
    };
  }, [view]);

  useEffect(() => scene.current?.setData(data), [data]);
  useEffect(() => scene.current?.setSelected(selectedTree), [selectedTree]);
  useEffect(() => {
    if (fitRequest > 0) scene.current?.fit();
  }, [fitRequest]);

  return (
    <div className="forest-stage">
      <canvas ref={canvas} className="forest-canvas" data-testid="forest-canvas" aria-label="Every tree of the model; click one to open it" />
      <div ref={card} className="forest-card" data-testid="forest-card" hidden />
    </div>
  );
}
