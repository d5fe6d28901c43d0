import type { Kysely } from 'kysely'
import type { Tables } from '../../db/tables/index.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { InvalidValueError } from './errors.js'

/** The tenant's custom attributes of type `employee`: the extension URN and their canonical names. */
export interface EmployeeAttributes {
  schema: string
  names: readonly string[]
}

/**
 * Throws InvalidValueError unless every `employee` custom attribute a User carries names an employee of the same
 * tenant that exists: by id, userName or email (ignoring case, as Peakon's Employee attributes take the email).
 */
export async function checkEmployeeReferences(
  db: Kysely<Tables>,
  tenantId: string,
  resource: ScimResource,
  employees: EmployeeAttributes,
): Promise<void> {
  if (employees.names.length === 0) return
  const extension = resource[employees.schema] as Record<string, unknown> | undefined
  if (!extension) return
  for (const name of employees.names) {
    const value = extension[name]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' || !(await employeeExists(db, tenantId, value))) {
      throw new InvalidValueError(
        `Attribute "${employees.schema}:${name}" must name an existing employee by id, userName or email, got ${JSON.stringify(value)}`,
      )
    }
  }
}

async function employeeExists(db: Kysely<Tables>, tenantId: string, reference: string): Promise<boolean> {
  const lower = reference.toLowerCase()
  const found = await db
    .selectFrom('scim_users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('id', '=', lower),
        eb('user_name_lower', '=', lower),
        eb(
          'id',
          'in',
          eb
            .selectFrom('scim_user_emails')
            .select('user_id')
            .where('tenant_id', '=', tenantId)
            .where('value_lower', '=', lower),
        ),
      ]),
    )
    .executeTakeFirst()
  return found !== undefined
}
