// exceljs's workbook class, from its own module (render/xlsx.ts): the package's Workbook.
declare module 'exceljs/lib/doc/workbook.js' {
  import type ExcelJS from 'exceljs';
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}
