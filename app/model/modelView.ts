import { treeAt } from './materialize';
import type { PackedModel } from './packed';
import type { Tree, TreeModel } from './types';

/*
 * A `TreeModel` whose trees are made from the packed columns when first read, for code that shows
 * what a person looks at (the tree on screen, node details, a path). `model.trees.length` costs
 * nothing and `model.trees[i]` materialises tree `i` once; a 2,000-tree model opened to look at
 * tree 0 makes one tree's node objects, not a million. Model-wide passes (summaries, importance,
 * attribution, scoring) read the packed form itself: `packedOf(view)` gives it back.
 *
 * A made tree is held weakly: while anything holds it, reading it again gives the same object (so
 * caches keyed by a tree keep working); once nothing does, it is collected and made again if read
 * again. Walking every tree (`inspect --json`) therefore holds one tree at a time, not the model.
 */

const packedOfView = new WeakMap<TreeModel, PackedModel>();

const isIndex = (key: string | symbol): key is string => typeof key === 'string' && key.length > 0 && key.length < 11 && /^(0|[1-9]\d*)$/.test(key);

/** The readable view of a packed model (see the module comment). */
export function viewOfPacked(packed: PackedModel): TreeModel {
  const count = packed.forest.treeCount;
  const made: Array<WeakRef<Tree> | undefined> = new Array(count);
  const treeOf = (index: number): Tree => {
    let tree = made[index]?.deref();
    if (!tree) {
      tree = treeAt(packed, index);
      made[index] = new WeakRef(tree);
    }
    return tree;
  };
  // A proxy over an empty array: `Array.isArray`, iteration and the array methods all work, and read
  // elements through `get`/`has`, so whole-model loops still see every tree (made on the way).
  const trees = new Proxy([] as Tree[], {
    get(target, key, receiver) {
      if (key === 'length') return count;
      if (isIndex(key)) {
        const index = Number(key);
        return index < count ? treeOf(index) : undefined;
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (isIndex(key)) return Number(key) < count;
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (isIndex(key) && Number(key) < count) return { value: treeOf(Number(key)), writable: false, enumerable: true, configurable: true };
      if (key === 'length') return { value: count, writable: true, enumerable: false, configurable: false };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      const keys: Array<string | symbol> = [];
      for (let index = 0; index < count; index++) keys.push(String(index));
      return [...keys, ...Reflect.ownKeys(target).filter((key) => !isIndex(key))];
    },
    set() {
      return false;
    },
    deleteProperty() {
      return false;
    },
  });
  const view: TreeModel = { ...packed.header, trees };
  packedOfView.set(view, packed);
  return view;
}

/** The packed model behind a view made by `viewOfPacked`; undefined for a plain `TreeModel`. */
export function packedOf(model: TreeModel): PackedModel | undefined {
  return packedOfView.get(model);
}
