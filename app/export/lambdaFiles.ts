import { jsonRow, queryText } from './names';
import type { TemplateContext } from './templateContext';

/** Sample API Gateway events built from real rows (payload format 1.0 for REST APIs, 2.0 for HTTP APIs). */
export function lambdaEvents(context: TemplateContext): Record<string, string> {
  const [first, second = first, third = first] = context.sampleRows;
  const query = queryText(first);
  const postBody = `{"instances":[${[first, second, third].map(jsonRow).join(',')}]}`;
  const time = '21/Nov/2026:10:00:00 +0000';
  const requestContextV1 = (method: string, path: string) => ({
    resourcePath: path,
    httpMethod: method,
    path: `/Prod${path}`,
    stage: 'Prod',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    requestTime: time,
    requestTimeEpoch: 1795255200000,
    identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
    accountId: '123456789012',
    apiId: '1234567890',
    protocol: 'HTTP/1.1',
  });
  const getV1 = {
    resource: '/predict',
    path: '/predict',
    httpMethod: 'GET',
    headers: { Accept: 'application/json', Host: '1234567890.execute-api.us-east-1.amazonaws.com' },
    multiValueHeaders: { Accept: ['application/json'], Host: ['1234567890.execute-api.us-east-1.amazonaws.com'] },
    queryStringParameters: { features: query, explain: '1' },
    multiValueQueryStringParameters: { features: [query], explain: ['1'] },
    pathParameters: null,
    stageVariables: null,
    requestContext: requestContextV1('GET', '/predict'),
    body: null,
    isBase64Encoded: false,
  };
  const postV1 = {
    ...getV1,
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', Host: '1234567890.execute-api.us-east-1.amazonaws.com' },
    multiValueHeaders: { 'Content-Type': ['application/json'], Host: ['1234567890.execute-api.us-east-1.amazonaws.com'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: requestContextV1('POST', '/predict'),
    body: postBody,
  };
  const requestContextV2 = (method: string, path: string) => ({
    accountId: '123456789012',
    apiId: 'abcdef1234',
    domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'abcdef1234',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
    requestId: 'JKJaXmPLvHcESHA=',
    routeKey: `${method} ${path}`,
    stage: '$default',
    time,
    timeEpoch: 1795255200000,
  });
  const rawQuery = `features=${encodeURIComponent(query)}&explain=1`;
  const getV2 = {
    version: '2.0',
    routeKey: 'GET /predict',
    rawPath: '/predict',
    rawQueryString: rawQuery,
    headers: { accept: 'application/json', host: 'abcdef1234.execute-api.us-east-1.amazonaws.com' },
    queryStringParameters: { features: query, explain: '1' },
    requestContext: requestContextV2('GET', '/predict'),
    isBase64Encoded: false,
  };
  const postV2 = {
    version: '2.0',
    routeKey: 'POST /predict',
    rawPath: '/predict',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'abcdef1234.execute-api.us-east-1.amazonaws.com' },
    requestContext: requestContextV2('POST', '/predict'),
    body: postBody,
    isBase64Encoded: false,
  };
  const text = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  return {
    'events/get-v1.json': text(getV1),
    'events/post-v1.json': text(postV1),
    'events/get-v2.json': text(getV2),
    'events/post-v2.json': text(postV2),
  };
}

/** What differs between the Node.js and the Python function in the SAM and Serverless files. */
export interface LambdaRuntime {
  /** Lambda runtime identifier, e.g. `nodejs22.x`. */
  runtime: string;
  /** `file.function` of the entry. */
  handler: string;
  /** The files the function's package holds. */
  files: string[];
  /** Why no build step is needed, for the template's first comment. */
  buildNote: string;
}

export const NODE_LAMBDA: LambdaRuntime = {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  files: ['index.mjs', 'model.spkm', 'model.layout'], // model.layout: bundle.ts's LAYOUT_FILE
  buildNote: 'no sam build needed: index.mjs is already bundled',
};

/** AWS SAM template: one function, REST API (`Api`, payload 1.0) and HTTP API (`HttpApi`, payload 2.0) routes. */
export function samTemplate(context: TemplateContext, lambda: LambdaRuntime = NODE_LAMBDA): string {
  const routes: [string, string, string][] = [
    ['PredictGet', '/predict', 'GET'],
    ['PredictPost', '/predict', 'POST'],
    ['Model', '/model', 'GET'],
    ['Ping', '/ping', 'GET'],
  ];
  const events = [
    ...routes.map(([name, path, method]) => `        Rest${name}:\n          Type: Api\n          Properties:\n            Path: ${path}\n            Method: ${method}`),
    ...routes.map(([name, path, method]) => `        Http${name}:\n          Type: HttpApi\n          Properties:\n            Path: ${path}\n            Method: ${method}`),
  ].join('\n');
  return `# AWS SAM template written by Splitscope ${context.version} for ${context.model.fileName}.
# Deploy: sam deploy --guided   (${lambda.buildNote}).
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: ${JSON.stringify(`Splitscope prediction service: ${context.model.fileName} (${context.model.variant})`)}

Resources:
  PredictFunction:
    Type: AWS::Serverless::Function
    Properties:
      Description: ${JSON.stringify(`${context.model.task} model, ${context.model.trees.length} trees, ${context.checksum}`)}
      CodeUri: .
      Handler: ${lambda.handler}
      Runtime: ${lambda.runtime}
      Architectures:
        - arm64
      # Sized from the model (${context.modelBytes} bytes packed): more memory also means more CPU for the cold start.
      MemorySize: ${context.memoryMb}
      Timeout: ${context.timeoutSeconds}
      Environment:
        Variables:
          MAX_BODY_BYTES: '${context.maxBodyBytes}'
      Events:
${events}

Outputs:
  RestApiUrl:
    Description: REST API (payload format 1.0) base URL
    Value: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod'
  HttpApiUrl:
    Description: HTTP API (payload format 2.0) base URL
    Value: !Sub 'https://\${ServerlessHttpApi}.execute-api.\${AWS::Region}.amazonaws.com'
  FunctionName:
    Value: !Ref PredictFunction
`;
}

/** Serverless Framework v3 equivalent of the SAM template. */
export function serverlessYml(context: TemplateContext, lambda: LambdaRuntime = NODE_LAMBDA): string {
  const routes: [string, string][] = [
    ['predict', 'get'],
    ['predict', 'post'],
    ['model', 'get'],
    ['ping', 'get'],
  ];
  return `# Serverless Framework v3 service written by Splitscope ${context.version} for ${context.model.fileName}.
# Deploy: serverless deploy
service: ${context.name}
frameworkVersion: '3'

provider:
  name: aws
  runtime: ${lambda.runtime}
  architecture: arm64
  memorySize: ${context.memoryMb}
  timeout: ${context.timeoutSeconds}
  environment:
    MAX_BODY_BYTES: '${context.maxBodyBytes}'

package:
  patterns:
    - '!**'
${lambda.files.map((file) => `    - ${file}`).join('\n')}

functions:
  predict:
    handler: ${lambda.handler}
    description: ${JSON.stringify(`${context.model.fileName}: ${context.model.task}, ${context.model.trees.length} trees`)}
    events:
${routes.map(([path, method]) => `      - http:\n          path: ${path}\n          method: ${method}`).join('\n')}
${routes.map(([path, method]) => `      - httpApi:\n          path: /${path}\n          method: ${method}`).join('\n')}
`;
}

/** The container-image route: the AWS Lambda Node.js base image with the bundled handler. */
export function lambdaDockerfile(context: TemplateContext): string {
  return `# Lambda container image (Splitscope ${context.version}, ${context.model.fileName}).
# docker build -f Dockerfile.lambda -t ${context.name}-lambda .
FROM public.ecr.aws/lambda/nodejs:22
COPY index.mjs model.spkm model.layout \${LAMBDA_TASK_ROOT}/
CMD ["index.handler"]
`;
}

export function lambdaReadme(context: TemplateContext): string {
  const [first] = context.sampleRows;
  const named = context.featureNames
    .slice(0, 3)
    .map((name, i) => `${encodeURIComponent(name)}=${encodeURIComponent(queryText([first[i]]))}`)
    .join('&');
  return `# ${context.name}: AWS Lambda prediction service

Exported by Splitscope ${context.version} from \`${context.model.fileName}\` (${context.model.variant}):
${context.model.task}, ${context.model.trees.length} trees, ${context.featureNames.length} features. Model checksum \`${context.checksum}\`.

\`index.mjs\` is the whole function: the same evaluator the app uses, bundled into one file (no
node_modules), reading the packed model \`model.spkm\` and the evaluator's layout of it \`model.layout\` beside it once at start (their sha256 is checked
first, so a damaged or swapped model file refuses to serve). Its \`handler\` accepts API Gateway REST API events (payload format 1.0),
HTTP API and Function URL events (payload format 2.0), and direct invocations whose event is a
prediction body. A cold start does not compile the trees to WebAssembly; a warm function does, once it has
answered 4,096 rows, where the app's model compiler covers the model (one request then takes some tens of
milliseconds longer for a big model, and later ones are faster).

## Files

| file | what |
|---|---|
| \`index.mjs\` | the function (handler \`index.handler\`) |
| \`model.spkm\` | the model, packed (typed-array columns; ${context.modelBytes} bytes): what scoring reads, without the training statistics and source positions the app shows |
| \`model.layout\` | the evaluator's layout of the model, so a cold start reads arrays instead of laying out the trees |
| \`template.yaml\` | AWS SAM: nodejs22.x, arm64, ${context.memoryMb} MB, ${context.timeoutSeconds} s, REST API and HTTP API routes |
| \`serverless.yml\` | the same for the Serverless Framework v3 |
| \`Dockerfile.lambda\` | container-image route on the AWS Lambda Node.js base image |
| \`events/\` | sample GET and POST events (v1 and v2) built from real rows |
| \`golden.json\`, \`selftest.mjs\` | parity proof: \`node selftest.mjs\` scores ${context.goldenRows} rows (${context.goldenSource === 'csv' ? 'from your CSV' : 'generated to cross every threshold'}) with \`index.mjs\` and checks every number against the app, bit for bit |

Splitscope checked this bundle by calling \`index.mjs\`'s handler with Node (\`node selftest.mjs\`); neither
AWS nor a Docker engine was used, so \`sam local invoke\` and the container-image route are untested
until you run them.

## Try it locally

\`\`\`sh
node selftest.mjs                                   # parity check, needs Node 20+
sam local invoke PredictFunction --event events/get-v1.json
sam local invoke PredictFunction --event events/post-v2.json
\`\`\`

## Deploy

\`\`\`sh
sam deploy --guided          # AWS SAM CLI; answers are saved to samconfig.toml
# or
serverless deploy            # Serverless Framework v3 (if it warns about nodejs22.x, update to v3.39+)
# or, as a container image:
docker build -f Dockerfile.lambda -t ${context.name}-lambda .
\`\`\`

## Call it

Replace \`$URL\` with the \`RestApiUrl\` (…/Prod) or \`HttpApiUrl\` output of the stack.

\`\`\`sh
curl "$URL/predict?features=${encodeURIComponent(queryText(first))}"
curl "$URL/predict?${named}&explain=1"
curl -X POST "$URL/predict" -H 'content-type: application/json' -d '{"instances":[${jsonRow(first)}]}'
curl -X POST "$URL/predict" -H 'content-type: text/csv' --data-binary $'${queryText(first)}\\n'
curl "$URL/model"
\`\`\`

${apiReference(context)}`;
}

/** The API section shared by both READMEs. */
export function apiReference(context: TemplateContext): string {
  return `## API

- \`GET /predict?features=v1,v2,…\`: one row, values in feature order (empty = missing).
- \`GET /predict?name=value&…\`: one row by feature name; features not named are missing.
- \`POST /predict\` with \`application/json\`: \`{"features": […]}\` (one row), \`{"instances": [[…], …]}\` or
  \`{"records": [{"name": value, …}, …]}\`; \`null\` is a missing value. Or \`text/csv\`: one row per line,
  optionally a header line of feature names.
- Add \`explain=1\` (query) or \`"explain": true\` (JSON) for the raw scores and the leaf reached in every tree.
- \`GET /model\`: features, task, objective, classes, checksum. \`GET /ping\`: 200 when up.

Responses: \`{"predictions": [{"prediction": …, "class": …, "probabilities": […]}, …]}\` — \`prediction\` is
the class label for classifiers and the value for regression; numbers are exact (shortest round-trip
decimals; \`"NaN"\`, \`"Infinity"\` as strings). Bad input gets 400 with
\`{"error": {"code": "E_…", "message": "…"}}\` naming the row, feature and text; bodies over
${context.maxBodyBytes} bytes (\`MAX_BODY_BYTES\`) or more than ${context.maxRows} rows (\`MAX_ROWS\`) get 413.

Features (${context.featureNames.length}): ${context.featureNames.slice(0, 30).map((name) => `\`${name}\``).join(', ')}${context.featureNames.length > 30 ? ', …' : ''}.
`;
}
