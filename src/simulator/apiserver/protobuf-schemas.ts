/**
 * Protobuf field numbers (k8s.io/api and apimachinery `generated.proto`) of the kinds kubectl's
 * typed `create` commands send, checked against bodies captured from kubectl 1.33. A field is
 * `[jsonName, type, repeated?]`; nested messages are schemas themselves.
 */

/** `map`: map<string,string>; `lists`: map<string, ExtraValue> (a message of repeated strings). */
export type FieldType = 'string' | 'int' | 'bool' | 'time' | 'map' | 'lists' | MessageSchema;
export type FieldSpec = [name: string, type: FieldType, repeated?: true];
export interface MessageSchema {
  [field: number]: FieldSpec | undefined;
}

const OWNER_REFERENCE: MessageSchema = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool'],
  7: ['blockOwnerDeletion', 'bool'],
};

const OBJECT_META: MessageSchema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  8: ['creationTimestamp', 'time'],
  11: ['labels', 'map'],
  12: ['annotations', 'map'],
  13: ['ownerReferences', OWNER_REFERENCE, true],
  14: ['finalizers', 'string', true],
};

const OBJECT_REFERENCE: MessageSchema = {
  1: ['kind', 'string'],
  2: ['namespace', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['fieldPath', 'string'],
};

const POLICY_RULE: MessageSchema = {
  1: ['verbs', 'string', true],
  2: ['apiGroups', 'string', true],
  3: ['resources', 'string', true],
  4: ['resourceNames', 'string', true],
  5: ['nonResourceURLs', 'string', true],
};

const LABEL_SELECTOR: MessageSchema = {
  1: ['matchLabels', 'map'],
  2: ['matchExpressions', { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true] }, true],
};

const SUBJECT: MessageSchema = {
  1: ['kind', 'string'],
  2: ['apiGroup', 'string'],
  3: ['name', 'string'],
  4: ['namespace', 'string'],
};

const ROLE_REF: MessageSchema = { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] };
const BINDING: MessageSchema = {
  1: ['metadata', OBJECT_META],
  2: ['subjects', SUBJECT, true],
  3: ['roleRef', ROLE_REF],
};
const RBAC = 'rbac.authorization.k8s.io/v1';
const AUTHZ = 'authorization.k8s.io/v1';

const ACCESS_ATTRIBUTES: MessageSchema = {
  1: [
    'resourceAttributes',
    {
      1: ['namespace', 'string'],
      2: ['verb', 'string'],
      3: ['group', 'string'],
      4: ['version', 'string'],
      5: ['resource', 'string'],
      6: ['subresource', 'string'],
      7: ['name', 'string'],
    },
  ],
  2: ['nonResourceAttributes', { 1: ['path', 'string'], 2: ['verb', 'string'] }],
};
/** SubjectAccessReviewSpec: the attributes plus the subject (field numbers in Go struct order). */
const SUBJECT_ACCESS: MessageSchema = {
  1: ['metadata', OBJECT_META],
  2: [
    'spec',
    {
      ...ACCESS_ATTRIBUTES,
      3: ['user', 'string'],
      4: ['groups', 'string', true],
      5: ['extra', 'lists'],
      6: ['uid', 'string'],
    },
  ],
};

/** Schemas by `apiVersion/kind`. */
export const PROTOBUF_KINDS: Record<string, MessageSchema | undefined> = {
  'authentication.k8s.io/v1/TokenRequest': {
    1: ['metadata', OBJECT_META],
    2: [
      'spec',
      {
        1: ['audiences', 'string', true],
        3: [
          'boundObjectRef',
          { 1: ['kind', 'string'], 2: ['apiVersion', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'] },
        ],
        4: ['expirationSeconds', 'int'],
      },
    ],
  },
  'v1/ServiceAccount': {
    1: ['metadata', OBJECT_META],
    2: ['secrets', OBJECT_REFERENCE, true],
    3: ['automountServiceAccountToken', 'bool'],
    4: ['imagePullSecrets', { 1: ['name', 'string'] }, true],
  },
  'v1/Namespace': {
    1: ['metadata', OBJECT_META],
    2: ['spec', { 1: ['finalizers', 'string', true] }],
  },
  [`${RBAC}/Role`]: { 1: ['metadata', OBJECT_META], 2: ['rules', POLICY_RULE, true] },
  [`${RBAC}/ClusterRole`]: {
    1: ['metadata', OBJECT_META],
    2: ['rules', POLICY_RULE, true],
    3: ['aggregationRule', { 1: ['clusterRoleSelectors', LABEL_SELECTOR, true] }],
  },
  'authentication.k8s.io/v1/SelfSubjectReview': { 1: ['metadata', OBJECT_META] },
  'authentication.k8s.io/v1/TokenReview': {
    1: ['metadata', OBJECT_META],
    2: ['spec', { 1: ['token', 'string'], 2: ['audiences', 'string', true] }],
  },
  [`${AUTHZ}/SelfSubjectAccessReview`]: { 1: ['metadata', OBJECT_META], 2: ['spec', ACCESS_ATTRIBUTES] },
  [`${AUTHZ}/SelfSubjectRulesReview`]: { 1: ['metadata', OBJECT_META], 2: ['spec', { 1: ['namespace', 'string'] }] },
  [`${AUTHZ}/SubjectAccessReview`]: SUBJECT_ACCESS,
  [`${AUTHZ}/LocalSubjectAccessReview`]: SUBJECT_ACCESS,
  [`${RBAC}/RoleBinding`]: BINDING,
  [`${RBAC}/ClusterRoleBinding`]: BINDING,
};
