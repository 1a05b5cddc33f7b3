import { DataSource } from 'typeorm';
import { parseConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';

/**
 * Prints the SQL that would bring the database (migrated from `migrations/`) in line with the
 * entities. Used to write a new migration (then tidied by hand) and by `check-drift`.
 */
export async function schemaDiff(url: string): Promise<string[]> {
  const config = parseConfig(process.env);
  const dataSource = new DataSource(dataSourceOptions({ ...config.database, url }));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}
