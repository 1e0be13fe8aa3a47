// Stands in for node:module in the page: src/engine/distributions.ts loads its special
// functions on first use with createRequire; here they are bundled and handed out by name.
import erf from "@stdlib/math-base-special-erf";
import gamma from "@stdlib/math-base-special-gamma";
import gammainc from "@stdlib/math-base-special-gammainc";

const MODULES: Record<string, unknown> = {
  "@stdlib/math-base-special-erf": erf,
  "@stdlib/math-base-special-gamma": gamma,
  "@stdlib/math-base-special-gammainc": gammainc,
};

export function createRequire(_from: string | URL) {
  return (id: string): unknown => {
    if (!(id in MODULES)) throw new Error(`${id} is not bundled into the explorer page`);
    return MODULES[id];
  };
}
