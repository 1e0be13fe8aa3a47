// Stands in for @napi-rs/canvas in the page: the report's chart specifications sit beside the
// Node renderer, which the page never calls (it draws on the browser's canvas).
function unavailable(): never {
  throw new Error("the Node canvas is not available in a web page");
}

export const createCanvas = unavailable;
export const SvgExportFlag = { ConvertTextToPaths: 0 };
