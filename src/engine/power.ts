/**
 * x ** y (for x > 0) through exp and log. JavaScript engines each compute `**` their own way
 * (Chromium's differs from Node's in the last bit of 5-10% of results), while exp and log are
 * fdlibm's in Node and, in the explorer page, stdlib's ports of the same functions: so a model
 * draws the same numbers, to the last digit, in the page and on the command line. The relative
 * error is about |y log x| units in the last place, far below anything a simulation shows.
 */
export function power(x: number, y: number): number {
  return Math.exp(y * Math.log(x));
}
