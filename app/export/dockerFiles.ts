import { apiReference } from './lambdaFiles';
import { jsonRow, queryText } from './names';
import type { TemplateContext } from './templateContext';

/** Small official Node image, non-root user, health check on /ping; `docker run IMAGE serve` serves. */
export function dockerfile(context: TemplateContext): string {
  return `# Prediction service image written by Splitscope ${context.version} for ${context.model.fileName}.
# docker build -t ${context.name} .   then   docker run --rm -p 8080:8080 ${context.name}
FROM node:22-alpine
ENV NODE_ENV=production \\
    PORT=8080
WORKDIR /opt/program
COPY --chown=node:node server.mjs model.spkm model.layout ./
# The image's own unprivileged user.
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SageMaker starts containers as \`docker run IMAGE serve\`; plain \`docker run IMAGE\` serves too.
ENTRYPOINT ["node", "server.mjs"]
CMD ["serve"]
`;
}

export function dockerignore(): string {
  return `# Only the server goes into the image.
*
!server.mjs
!model.spkm
!model.layout
`;
}

function deployment(context: TemplateContext): string {
  return `# Kubernetes Deployment written by Splitscope ${context.version}. Push the image and set its name below.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${context.name}
  labels:
    app: ${context.name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${context.name}
  template:
    metadata:
      labels:
        app: ${context.name}
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
      containers:
        - name: predict
          image: ${context.name}:latest
          args: ["serve"]
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: PORT
              value: "8080"
          resources:
            requests:
              cpu: 250m
              memory: ${Math.max(128, context.memoryMb)}Mi
            limits:
              memory: ${Math.max(256, context.memoryMb * 2)}Mi
          readinessProbe:
            httpGet:
              path: /ping
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /ping
              port: http
            initialDelaySeconds: 5
            periodSeconds: 15
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
`;
}

function service(context: TemplateContext): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${context.name}
  labels:
    app: ${context.name}
spec:
  selector:
    app: ${context.name}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function autoscaler(context: TemplateContext): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${context.name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${context.name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
}

export function kubernetesFiles(context: TemplateContext): Record<string, string> {
  return {
    'k8s/deployment.yaml': deployment(context),
    'k8s/service.yaml': service(context),
    'k8s/hpa.yaml': autoscaler(context),
  };
}

export function dockerReadme(context: TemplateContext): string {
  const [first] = context.sampleRows;
  const named = context.featureNames
    .slice(0, 3)
    .map((name, i) => `${encodeURIComponent(name)}=${encodeURIComponent(queryText([first[i]]))}`)
    .join('&');
  return `# ${context.name}: prediction service container

Exported by Splitscope ${context.version} from \`${context.model.fileName}\` (${context.model.variant}):
${context.model.task}, ${context.model.trees.length} trees, ${context.featureNames.length} features. Model checksum \`${context.checksum}\`.

\`server.mjs\` is the whole service (with the packed model \`model.spkm\` and the evaluator's layout of it \`model.layout\` beside it, both sha256-checked at start): the same evaluator the app uses, bundled into one
file on Node's own \`http\` module (no node_modules). It answers the API below and the Amazon SageMaker
hosting contract (\`serve\`, port 8080, \`GET /ping\`, \`POST /invocations\`). Before it listens, it compiles
the trees to WebAssembly where the app's model compiler covers them (under a tenth of a second for a big
model), so every request, one row or many, is scored that way; the rows of one request are
scored together.

Note: Splitscope checked this bundle by running \`server.mjs\` with Node directly (\`node selftest.mjs\`);
no Docker engine was used, so build the image once yourself before you rely on it.

## Files

| file | what |
|---|---|
| \`server.mjs\` | the service: \`node server.mjs serve\` |
| \`model.spkm\` | the model, packed (typed-array columns; ${context.modelBytes} bytes): what scoring reads, without the training statistics and source positions the app shows |
| \`model.layout\` | the evaluator's layout of the model, so a start reads arrays instead of laying out the trees |
| \`Dockerfile\`, \`.dockerignore\` | \`node:22-alpine\`, non-root user, HEALTHCHECK on /ping |
| \`k8s/\` | Deployment (probes on /ping), Service, HorizontalPodAutoscaler |
| \`golden.json\`, \`selftest.mjs\` | parity proof: \`node selftest.mjs\` starts \`server.mjs\` on a free loopback port, sends ${context.goldenRows} rows (${context.goldenSource === 'csv' ? 'from your CSV' : 'generated to cross every threshold'}) and checks every number against the app, bit for bit |

## Run

\`\`\`sh
node selftest.mjs                         # parity check (Node 20+)
node server.mjs serve                     # without Docker; PORT=9000 to change the port
docker build -t ${context.name} .
docker run --rm -p 8080:8080 ${context.name}
\`\`\`

Settings (environment): \`PORT\` (8080), \`HOST\` (0.0.0.0), \`MAX_BODY_BYTES\` (${context.maxBodyBytes}),
\`MAX_ROWS\` (${context.maxRows}), \`REQUEST_TIMEOUT_MS\` (10000: a client slower than this to send its
headers, or then its body, gets 408 and is disconnected), \`MODEL_PATH\` or \`SM_MODEL_DIR\` (see below).
SIGTERM stops accepting connections, finishes requests in flight (at most 10 s) and exits.

## Call it

\`\`\`sh
curl http://localhost:8080/ping
curl "http://localhost:8080/predict?features=${encodeURIComponent(queryText(first))}"
curl "http://localhost:8080/predict?${named}&explain=1"
curl -X POST http://localhost:8080/invocations -H 'content-type: application/json' -d '{"instances":[${jsonRow(first)}]}'
curl -X POST http://localhost:8080/invocations -H 'content-type: text/csv' --data-binary $'${queryText(first)}\\n'
curl http://localhost:8080/model
\`\`\`

## Amazon SageMaker

1. Push the image to ECR: \`aws ecr create-repository --repository-name ${context.name}\`, then
   \`docker tag ${context.name} ACCOUNT.dkr.ecr.REGION.amazonaws.com/${context.name}:latest\` and \`docker push …\`.
2. \`aws sagemaker create-model --model-name ${context.name} --primary-container Image=ACCOUNT.dkr.ecr.REGION.amazonaws.com/${context.name}:latest --execution-role-arn ROLE_ARN\`
   (no ModelDataUrl needed: the model is inside the image).
3. Create an endpoint configuration and an endpoint (\`create-endpoint-config\`, \`create-endpoint\`), then
   \`aws sagemaker-runtime invoke-endpoint --endpoint-name ${context.name} --content-type text/csv --body '${queryText(first)}' out.json\`.

Model override: if \`/opt/ml/model/model.json\` exists (SageMaker unpacks ModelDataUrl there; \`SM_MODEL_DIR\`
changes the folder, \`MODEL_PATH\` names a file), the service loads it instead of the embedded model. It must be
the JSON of \`splitscope inspect --json MODEL\` (the Splitscope model format, not a raw library dump).
\`GET /model\` reports which model is served and its checksum.

## Kubernetes

\`\`\`sh
kubectl apply -f k8s/     # set the image name in k8s/deployment.yaml first
\`\`\`

${apiReference(context)}`;
}
