/** Columns of API extension kinds: API services, CRDs, admission webhooks, certificate requests. */
import { humanDuration } from '../human-duration.ts';
import {
  AGE_COLUMN,
  age,
  column,
  get,
  int,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  record,
  str,
} from './column.ts';
import { CREATED_AT_COLUMN, createdAt } from './core.ts';

export const apiServicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Service', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'Whether this service is available.'),
    AGE_COLUMN,
  ],
  cells: (svc, now) => {
    const ref = get(svc, 'spec', 'service');
    const service =
      ref === undefined || ref === null ? 'Local' : `${str(get(ref, 'namespace'))}/${str(get(ref, 'name'))}`;
    const available = list(get(svc, 'status', 'conditions')).find((c) => c.type === 'Available');
    let status = 'Unknown';
    if (available) {
      status = str(available.status);
      if (available.status !== 'True' && str(available.reason) !== '') status += ` (${str(available.reason)})`;
    }
    return [name(svc), service, status, age(svc, now)];
  },
};

export const customResourceDefinitionPrinter: Printer = {
  columns: [NAME_COLUMN, CREATED_AT_COLUMN],
  cells: (crd) => [name(crd), createdAt(crd)],
};

export const webhookConfigurationPrinter: Printer = {
  columns: [NAME_COLUMN, column('Webhooks', 'Webhooks indicates the number of webhooks.', 'integer'), AGE_COLUMN],
  cells: (cfg, now) => [name(cfg), list(cfg.webhooks).length, age(cfg, now)],
};

function csrCondition(csr: Record<string, unknown>): string {
  const types = new Set(list(get(csr, 'status', 'conditions')).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (str(get(csr, 'status', 'certificate')) !== '') status += ',Issued';
  return status;
}

export const certificateSigningRequestPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    column('SignerName', 'Signer of the certificate.'),
    column('Requestor', 'Name of the user that created the request.'),
    column('RequestedDuration', 'Requested validity of the issued certificate.'),
    column('Condition', 'The condition of the request.'),
  ],
  cells: (csr, now) => {
    const seconds = get(csr, 'spec', 'expirationSeconds');
    return [
      name(csr),
      age(csr, now),
      str(get(csr, 'spec', 'signerName')),
      str(get(csr, 'spec', 'username')),
      typeof seconds === 'number' ? humanDuration(int(seconds) * 1000) : NONE,
      csrCondition(record(csr)),
    ];
  },
};
