// exceljs's own prebuilt bundle (see xlsx-sheets.ts) is the same library as its main entry.
declare module "exceljs/dist/exceljs.bare.min.js" {
  import ExcelJS from "exceljs";
  export default ExcelJS;
}
