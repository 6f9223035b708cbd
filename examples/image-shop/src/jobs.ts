// Every job this app defines: the worker runs them all; the shop enqueues them.
import { adjustStock } from './jobs/adjust-stock.ts';
import { exportReport } from './jobs/export-report.ts';
import { catalogImported, importCatalog } from './jobs/import-catalog.ts';
import { orderFromSupplier } from './jobs/order-from-supplier.ts';
import { renderThumbnail } from './jobs/render-thumbnail.ts';

export { adjustStock, catalogImported, exportReport, importCatalog, orderFromSupplier, renderThumbnail };

export const jobs = [
  renderThumbnail,
  importCatalog,
  catalogImported,
  adjustStock,
  orderFromSupplier,
  exportReport,
];
