/** The workbook's name in every results folder (a module of its own, so naming it loads nothing). */
export const WORKBOOK = "results.xlsx";
