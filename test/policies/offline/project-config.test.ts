/**
 * The engine's project/stack config rules, case by case. Each case is ported from pulumi/pulumi
 * (`pkg/workspace/config_project_test.go` and `sdk/go/common/workspace/project_test.go`, named in
 * `from`) or, where `from` names a function, derived from that function's code.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStackConfig, SECURE_PLACEHOLDER } from "../../../policies/offline/stack-file";

interface Case {
  readonly name: string;
  readonly from: string;
  /** The `config:` block of a project named `test` (empty: none). */
  readonly project: string;
  /** The whole `Pulumi.dev.yaml`. */
  readonly stack: string;
  /** Exact error message, or the config the stack then has. */
  readonly expect: { readonly error: string } | { readonly config: Record<string, string> };
}

const PROJECT_FILE = "/Pulumi.yaml";

function load(c: Case): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-project-config-"));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: test\nruntime: dotnet\n${c.project}`);
  writeFileSync(join(dir, "Pulumi.dev.yaml"), c.stack);
  return loadStackConfig(dir, "dev").config;
}

/** The message with the temporary directory dropped from `'<dir>/Pulumi.yaml'`. */
function message(err: unknown): string {
  assert.ok(err instanceof Error);
  return err.message.replace(/'[^']*\/Pulumi\.yaml'/, `'${PROJECT_FILE}'`);
}

const NONCOMPLIANT: readonly Case[] = [
  {
    name: "a string where an array of strings is declared",
    from: "TestStackConfigErrorsWhenStackValueIsNotCorrectlyTyped",
    project:
      "config:\n  values:\n    type: array\n    items:\n      type: string\n    default: [value]\n",
    stack: "config:\n  test:values: someValue\n",
    expect: {
      error: "Stack 'dev' with configuration key 'values' must be of type 'array<string>'",
    },
  },
  {
    name: "text where an integer is declared",
    from: "TestStackConfigIntegerTypeIsCorrectlyValidated",
    project: "config:\n  importantNumber:\n    type: integer\n",
    stack: "config:\n  test:importantNumber: hello\n",
    expect: {
      error: "Stack 'dev' with configuration key 'importantNumber' must be of type 'integer'",
    },
  },
  {
    name: "one declared key without a default that the stack does not set",
    from: "TestStackConfigErrorsWhenMissingStackValueForConfigTypeWithNoDefault",
    project: "config:\n  values:\n    type: array\n    items:\n      type: string\n",
    stack: "",
    expect: { error: "Stack 'dev' is missing configuration value 'values'" },
  },
  {
    name: "two declared keys without a default",
    from: "TestStackConfigErrorsWhenMissingTwoStackValueForConfigTypeWithNoDefault",
    project:
      "config:\n  another:\n    type: string\n  values:\n    type: array\n    items:\n      type: string\n",
    stack: "",
    expect: { error: "Stack 'dev' is missing configuration values 'another' and 'values'" },
  },
  {
    name: "three declared keys without a default, listed in order",
    from: "TestStackConfigErrorsWhenMissingMultipleStackValueForConfigTypeWithNoDefault",
    project:
      "config:\n  world:\n    type: string\n  hello:\n    type: integer\n  values:\n    type: array\n    items:\n      type: string\n",
    stack: "",
    expect: { error: "Stack 'dev' is missing configuration values 'hello', 'values' and 'world'" },
  },
  {
    name: "a missing value while the stack imports ESC environments, which check cannot read",
    from: "mergeConfig (pkg/workspace/config.go)",
    project: "config:\n  zone:\n    type: string\n",
    stack: "environment:\n  - acme/dev\n  - acme/shared\nconfig: {}\n",
    expect: {
      error:
        "Stack 'dev' is missing configuration value 'zone' (the stack's environments acme/dev, acme/shared cannot be read offline)",
    },
  },
  {
    name: "an untyped declaration without default or value is required too",
    from: "mergeConfig (pkg/workspace/config.go)",
    project: "config:\n  region:\n    description: where to deploy\n",
    stack: "config:\n  aws:region: eu-west-1\n",
    expect: { error: "Stack 'dev' is missing configuration value 'region'" },
  },
  {
    name: "a plain value where the project declares a secret",
    from: "TestStackConfigSecretIsCorrectlyValidated",
    project: "config:\n  importantNumber:\n    type: integer\n    secret: true\n",
    stack: "config:\n  test:importantNumber: 20\n",
    expect: {
      error:
        "Stack 'dev' with configuration key 'importantNumber' must be encrypted as it's secret",
    },
  },
  {
    name: "a secret declared with a plain default the stack does not override",
    from: "validateStackConfigValue (pkg/workspace/config.go)",
    project: "config:\n  token:\n    type: string\n    secret: true\n    default: abc\n",
    stack: "",
    expect: {
      error: "Stack 'dev' with configuration key 'token' must be encrypted as it's secret",
    },
  },
  {
    name: "a fractional number where an integer is declared",
    from: "ValidateConfigValue (sdk/go/common/workspace/project.go)",
    project: "config:\n  retries:\n    type: integer\n    default: 3\n",
    stack: "config:\n  test:retries: 1.5\n",
    expect: { error: "Stack 'dev' with configuration key 'retries' must be of type 'integer'" },
  },
  {
    name: "yes where a boolean is declared",
    from: "ValidateConfigValue (sdk/go/common/workspace/project.go)",
    project: "config:\n  enabled:\n    type: boolean\n    default: false\n",
    stack: "config:\n  test:enabled: yes\n",
    expect: { error: "Stack 'dev' with configuration key 'enabled' must be of type 'boolean'" },
  },
  {
    name: "an empty value (treated as the empty string) where an integer is declared",
    from: "checkForEmptyConfig (sdk/go/common/workspace/loaders.go)",
    project: "config:\n  retries:\n    type: integer\n    default: 3\n",
    stack: "config:\n  test:retries:\n",
    expect: { error: "Stack 'dev' with configuration key 'retries' must be of type 'integer'" },
  },
  {
    name: "a list where a string is declared",
    from: "validateStackConfigValue (pkg/workspace/config.go)",
    project: "config:\n  image:\n    type: string\n    default: build\n",
    stack: "config:\n  image:\n    - a\n",
    expect: { error: "Stack 'dev' with configuration key 'image' must be of type 'string'" },
  },
  {
    name: "numbers in a list of strings",
    from: "ValidateConfigValue (sdk/go/common/workspace/project.go)",
    project:
      "config:\n  names:\n    type: array\n    items:\n      type: string\n    default: []\n",
    stack: "config:\n  names: [1, 2]\n",
    expect: { error: "Stack 'dev' with configuration key 'names' must be of type 'array<string>'" },
  },
  {
    name: "a secure value where an array is declared (its plaintext is a string)",
    from: "validateStackConfigValue (pkg/workspace/config.go)",
    project:
      "config:\n  names:\n    type: array\n    items:\n      type: string\n    default: []\n",
    stack: "config:\n  names:\n    secure: v1:AAAA\n",
    expect: { error: "Stack 'dev' with configuration key 'names' must be of type 'array<string>'" },
  },
  {
    name: "an integer declaration with a text default",
    from: "TestProjectValidationFailsForIncorrectDefaultValueType",
    project: "config:\n  instanceSize:\n    type: integer\n    default: hello\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': The default value specified for configuration key 'instanceSize' is not of the expected type 'integer'`,
    },
  },
  {
    name: "an array-of-arrays declaration with a flat default",
    from: "TestProjectValidationFailsForIncorrectDefaultValueType",
    project:
      "config:\n  values:\n    type: array\n    items:\n      type: array\n      items:\n        type: string\n    default: [hello]\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': The default value specified for configuration key 'values' is not of the expected type 'array<array<string>>'`,
    },
  },
  {
    name: "a string declaration with a number default",
    from: "ValidateConfigValue (sdk/go/common/workspace/project.go)",
    project: "config:\n  zone:\n    type: string\n    default: 5\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': The default value specified for configuration key 'zone' is not of the expected type 'string'`,
    },
  },
  {
    name: "another namespace's key with a type",
    from: "TestNamespacedProjectConfigShouldNotBeExplicitlyTyped",
    project: "config:\n  aws:region:\n    type: string\n    value:\n      region: us-west-1\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': Configuration key 'aws:region' is not namespaced by the project and should not define a type`,
    },
  },
  {
    name: "both a default and a value",
    from: "TestProjectConfigCannotHaveBothValueAndDefault",
    project:
      "config:\n  instanceSize:\n    type: string\n    default: t3.micro\n    value: t4.large\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': project config 'instanceSize' cannot have both a 'default' and 'value' attribute`,
    },
  },
  {
    name: "an array without items",
    from: "TestProjectConfigCannotBeTypedArrayWithoutItems",
    project: "config:\n  instanceSize:\n    type: array\n    default: [t3.micro, t4.large]\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': The configuration key 'instanceSize' declares an array but does not specify the underlying type via the 'items' attribute`,
    },
  },
  {
    name: "another namespace's key with a default",
    from: "TestNamespacedProjectConfigShouldNotBeProvideDefault",
    project: "config:\n  aws:region:\n    default: us-west-1\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': Configuration key 'aws:region' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
    },
  },
  {
    name: "another namespace's key without a value",
    from: "(*Project).Validate (sdk/go/common/workspace/project.go)",
    project: "config:\n  aws:region:\n    description: the region\n",
    stack: "",
    expect: {
      error: `could not unmarshal '${PROJECT_FILE}': Configuration key 'aws:region' is namespaced and must provide an attribute 'value'`,
    },
  },
  {
    name: "an attribute the schema does not allow (there is no 'required')",
    from: "$defs.configTypeDeclaration (sdk/go/common/workspace/project.json)",
    project: "config:\n  zone:\n    type: string\n    required: false\n",
    stack: "",
    expect: {
      error: `could not validate '${PROJECT_FILE}': #/config/zone: 'required' not allowed; the allowed attributes are 'type', 'items', 'description', 'secret', 'default', 'value'`,
    },
  },
  {
    name: "a type the schema does not know",
    from: "$defs.simpleConfigType (sdk/go/common/workspace/project.json)",
    project: "config:\n  zone:\n    type: number\n",
    stack: "",
    expect: {
      error: `could not validate '${PROJECT_FILE}': #/config/zone/type: "number" is not one of string, integer, boolean, array, object`,
    },
  },
];

const COMPLIANT: readonly Case[] = [
  {
    name: "shorthand defaults are inherited; the stack's value wins",
    from: "TestStackConfigIsInheritedFromProjectConfig",
    project: "config:\n  instanceSize: t3.micro\n  instanceCount: 20\n  protect: true\n",
    stack: "config:\n  test:instanceSize: t4.large\n",
    expect: {
      config: {
        "test:instanceSize": "t4.large",
        "test:instanceCount": "20",
        "test:protect": "true",
      },
    },
  },
  {
    name: "another namespace's shorthand is a value, lists as JSON",
    from: "TestNamespacedConfigValuesAreInheritedCorrectly",
    project:
      'config:\n  aws:region: us-west-1\n  pulumi:disable-default-providers: ["*"]\n  instanceSize: t3.micro\n',
    stack: "config:\n  test:instanceSize: t4.large\n",
    expect: {
      config: {
        "test:instanceSize": "t4.large",
        "aws:region": "us-west-1",
        "pulumi:disable-default-providers": '["*"]',
      },
    },
  },
  {
    name: "a bare stack key takes the project's namespace",
    from: "TestLoadingStackConfigWithoutNamespacingTheProject",
    project: "config:\n  aws:region: us-west-1\n  instanceSize: t3.micro\n",
    stack: "config:\n  instanceSize: t4.large\n",
    expect: { config: { "test:instanceSize": "t4.large", "aws:region": "us-west-1" } },
  },
  {
    name: "untyped declarations do not check the stack's values",
    from: "TestUntypedProjectConfigValuesAreNotValidated",
    project: "config:\n  instanceSize: t3.micro\n  aws:region: us-west-1\n",
    stack: "config:\n  instanceSize: 9999\n  aws:region: 42\n",
    expect: { config: { "test:instanceSize": "9999", "aws:region": "42" } },
  },
  {
    name: "an untyped default and an untyped value",
    from: "TestUntypedProjectConfigValuesWithOnlyDefaultOrOnlyValue",
    project: "config:\n  instanceSize:\n    default: t3.micro\n  region:\n    value: us-west-1\n",
    stack: "config:\n  aws:answer: 42\n",
    expect: {
      config: { "test:instanceSize": "t3.micro", "test:region": "us-west-1", "aws:answer": "42" },
    },
  },
  {
    name: "stack keys need no declaration",
    from: "TestUntypedStackConfigValuesDoNeedProjectDeclaration",
    project: "config:\n  createVpc: true\n",
    stack: "config:\n  instanceSize: 42\n",
    expect: { config: { "test:instanceSize": "42", "test:createVpc": "true" } },
  },
  {
    name: "object values are passed down as JSON",
    from: "TestUntypedProjectConfigObjectValuesPassedDownToStack",
    project:
      "config:\n  instanceSize:\n    value:\n      hello: world\n  aws:config:\n    value:\n      region: us-west-1\n",
    stack: "config:\n  aws:whatever: 42\n",
    expect: {
      config: {
        "test:instanceSize": '{"hello":"world"}',
        "aws:config": '{"region":"us-west-1"}',
        "aws:whatever": "42",
      },
    },
  },
  {
    name: "an integer stack value for an integer declaration",
    from: "TestStackConfigIntegerTypeIsCorrectlyValidated",
    project: "config:\n  importantNumber:\n    type: integer\n",
    stack: "config:\n  test:importantNumber: 20\n",
    expect: { config: { "test:importantNumber": "20" } },
  },
  {
    name: "no project config, any stack config",
    from: "TestStackConfigDoesNotErrorWhenProjectHasNotDefinedConfig",
    project: "",
    stack: "config:\n  hello: 21\n  world: 42\n  another: 42\n",
    expect: { config: { "test:hello": "21", "test:world": "42", "test:another": "42" } },
  },
  {
    name: "an encrypted value for a secret declaration",
    from: "TestStackConfigSecretIsCorrectlyValidated",
    project: "config:\n  importantNumber:\n    type: integer\n    secret: true\n",
    stack: "config:\n  test:importantNumber:\n    secure: v1:MjA=\n",
    expect: { config: { "test:importantNumber": SECURE_PLACEHOLDER } },
  },
  {
    name: "typed declarations with matching defaults, and their schemas",
    from: "TestProjectLoadsConfigSchemas, TestProjectValidationSucceedsForCorrectDefaultValueType",
    project: [
      "config:",
      "  integerSchemaFull:\n    type: integer\n    description: a very important value\n    default: 1",
      "  integerSchemaSimple: 20",
      "  textSchemaFull:\n    type: string\n    default: t3.micro",
      "  booleanSchemaFull:\n    type: boolean\n    default: true",
      "  simpleArrayOfStrings:\n    type: array\n    items:\n      type: string\n    default: [hello]",
      "  arrayOfArrays:\n    type: array\n    items:\n      type: array\n      items:\n        type: string\n    default: [[hello]]",
      "  example:\n    type: object\n    default:\n      hello: world",
      "",
    ].join("\n"),
    stack: "",
    expect: {
      config: {
        "test:integerSchemaFull": "1",
        "test:integerSchemaSimple": "20",
        "test:textSchemaFull": "t3.micro",
        "test:booleanSchemaFull": "true",
        "test:simpleArrayOfStrings": '["hello"]',
        "test:arrayOfArrays": '[["hello"]]',
        "test:example": '{"hello":"world"}',
      },
    },
  },
  {
    name: "a string config: is the old spelling of stackConfigDir and declares nothing",
    from: "TestLoadingConfigIsRewrittenToStackConfigDir",
    project: "config: ./some/path\n",
    stack: "config:\n  test:zone: a\n",
    expect: { config: { "test:zone": "a" } },
  },
  {
    name: "integers and booleans given as text, and nested integer text in a list",
    from: "ValidateConfigValue (sdk/go/common/workspace/project.go)",
    project: [
      "config:",
      "  retries:\n    type: integer\n    default: 3",
      "  enabled:\n    type: boolean\n    default: false",
      "  sizes:\n    type: array\n    items:\n      type: integer\n    default: []",
      "",
    ].join("\n"),
    stack: "config:\n  retries: '-7'\n  enabled: 'true'\n  sizes: ['1', 2, 3.0]\n",
    expect: { config: { "test:retries": "-7", "test:enabled": "true", "test:sizes": '["1",2,3]' } },
  },
  {
    name: "an encrypted value for a plain integer declaration (the engine checks its plaintext)",
    from: "validateStackConfigValue (pkg/workspace/config.go)",
    project: "config:\n  retries:\n    type: integer\n    default: 3\n",
    stack: "config:\n  retries:\n    secure: v1:Mw==\n",
    expect: { config: { "test:retries": SECURE_PLACEHOLDER } },
  },
];

describe("Pulumi project and stack config rules", () => {
  NONCOMPLIANT.forEach((c, i) => {
    it(`Noncompliance ${i + 1}: ${c.name} [${c.from}]`, () => {
      assert.ok("error" in c.expect);
      const expected = c.expect.error;
      assert.throws(
        () => load(c),
        (err: unknown) => {
          assert.equal(message(err), expected);
          return true;
        },
      );
    });
  });

  COMPLIANT.forEach((c, i) => {
    it(`Compliance ${i + 1}: ${c.name} [${c.from}]`, () => {
      assert.ok("config" in c.expect);
      assert.deepEqual(load(c), c.expect.config);
    });
  });
});
