import { schemaRule } from '../../schemaRule';

export const MA105 = schemaRule({ code: 'MA105', name: 'schema-pattern', severity: 'error', summary: 'A string does not match the pattern the schema requires.' }, 'pattern');
