/**
 * A realistic Ace session on test/fixtures/shop-api: the fourteen emit calls, in French or
 * English, citing the fixture's code and result files as measured evidence.
 */
import type { ReportLanguage } from '../../src/report/table.js';

export type Call = [tool: string, args: Record<string, unknown>];

export function shopApiCalls(language: ReportLanguage): Call[] {
  const t = (fr: string, en: string) => (language === 'fr' ? fr : en);
  const measured = (ref: string) => ({ kind: 'measured', ref });
  const estimate = (fr: string, en: string) => ({ kind: 'estimate', basis: t(fr, en) });
  const computed = (fr: string, en: string) => ({ kind: 'computed', from: t(fr, en) });
  const k6 = (line: number) => measured(`results/k6-baseline.json:${line}`);
  const profile = (line: number) => measured(`results/profile-summary.txt:${line}`);
  const prod = (line: number) => measured(`results/prod-metrics.txt:${line}`);
  const slo = estimate('objectif du SLO API (P99 < 500 ms, P95 < 200 ms)', 'API SLO objective (P99 < 500 ms, P95 < 200 ms)');
  const budget = estimate("objectif produit fixe avec l'equipe (revue du trimestre)", 'product goal agreed with the team (quarterly review)');
  const q = (value: number, unit: string, source: unknown) => ({ value, unit, source });
  const target = (comparator: string, value: number, unit: string, source: unknown) => ({ comparator, value, unit, source });

  return [
    [
      'emit_current_metrics',
      {
        rows: [
          { metric: 'latency_p50', current: q(180, 'ms', k6(12)), target: target('<', 100, 'ms', slo), criticality: 'high' },
          { metric: 'latency_p95', current: q(520, 'ms', k6(15)), target: target('<', 200, 'ms', slo), criticality: 'critical' },
          { metric: 'latency_p99', current: q(890, 'ms', k6(16)), target: target('<', 500, 'ms', slo), criticality: 'critical' },
          { metric: 'throughput', current: q(120, 'req/s', k6(23)), target: target('>', 500, 'req/s', budget), criticality: 'high' },
          { metric: 'error_rate', current: q(1.2, '%', k6(28)), target: target('<', 0.1, '%', slo), criticality: 'critical' },
          { metric: 'cpu_avg', current: q(78, '%', profile(2)), target: target('<', 60, '%', budget), criticality: 'medium' },
          { metric: 'memory', current: q(612, 'MB', profile(3)), target: target('<', 512, 'MB', budget), criticality: 'medium' },
          { metric: 'db_query_time_avg', current: q(38, 'ms', profile(5)), target: target('<', 10, 'ms', budget), criticality: 'high' },
          { metric: 'cold_start', current: q(3.2, 's', profile(4)), target: target('<', 2, 's', budget), criticality: 'low' },
        ],
      },
    ],
    [
      'emit_slos',
      {
        rows: [
          {
            service: t('API principale', 'Main API'),
            sli: t('Latence P99', 'Latency P99'),
            objective: 99.9,
            threshold: { comparator: '<', value: 500, unit: 'ms' },
            errorBudget: 0.1,
          },
          { service: t('API principale', 'Main API'), sli: t('Disponibilite (hors 5xx)', 'Availability (non-5xx)'), objective: 99.9 },
          {
            service: t('Base de donnees', 'Database'),
            sli: 'Query time P95',
            objective: 99.95,
            threshold: { comparator: '<', value: 50, unit: 'ms' },
          },
        ],
      },
    ],
    [
      'emit_findings',
      {
        rows: [
          {
            layer: 'database',
            finding: t(
              'Requetes N+1 : 51 requetes SQL par appel a /api/products (1 pour les produits, 50 pour les avis)',
              'N+1 queries: 51 SQL queries per call to /api/products (1 for the products, 50 for the reviews)',
            ),
            evidence: 'src/server.js:10',
            cost: q(204, 'ms', computed('51 requetes x 4 ms aller-retour API-DB', '51 queries x 4 ms API-DB round trip')),
          },
          {
            layer: 'database',
            finding: t(
              "Pas d'index sur orders.customer_id : parcours sequentiel de 1 200 000 lignes",
              'No index on orders.customer_id: sequential scan of 1,200,000 rows',
            ),
            evidence: 'db/schema.sql:15',
            cost: q(145, 'ms', profile(8)),
          },
          {
            layer: 'application',
            finding: t(
              'Le catalogue complet est serialise en JSON a chaque appel : 9% du temps total',
              'The whole catalogue is serialised to JSON on every call: 9% of wall time',
            ),
            evidence: 'src/server.js:44',
            cost: q(9, '%', profile(11)),
          },
          {
            layer: 'network',
            finding: t('Chaque aller-retour API vers DB coute 4 ms, multiplie par 51', 'Each API to DB round trip costs 4 ms, times 51'),
            evidence: 'results/profile-summary.txt:12',
            cost: q(4, 'ms', profile(12)),
          },
        ],
      },
    ],
    [
      'emit_bottleneck_map',
      {
        hops: [
          {
            from: 'Client',
            to: 'LB',
            latency: q(20, 'ms', estimate('RTT client-region mesure par le CDN du groupe', 'client-to-region RTT from the group CDN stats')),
          },
          { from: 'LB', to: 'API', latency: q(2, 'ms', estimate('saut interne du load balancer', 'internal load balancer hop')) },
          {
            from: 'API',
            to: 'DB',
            latency: q(204, 'ms', computed('51 requetes x 4 ms aller-retour API-DB', '51 queries x 4 ms API-DB round trip')),
            bottleneck: true,
          },
        ],
      },
    ],
    [
      'emit_test_scenarios',
      {
        rows: [
          {
            kind: 'smoke',
            pattern: t('Constant 5 users', 'Constant 5 users'),
            users: [5],
            duration: q(1, 'min', estimate("duree standard d'un smoke test", 'standard smoke test length')),
            objective: t('Validation basique des 3 endpoints', 'Basic check of the 3 endpoints'),
          },
          {
            kind: 'load',
            pattern: t('Montee vers la charge attendue', 'Ramp to expected load'),
            users: [0, 100],
            duration: q(10, 'min', estimate('duree du test de reference', 'length of the baseline run')),
            objective: t('Performance normale : P95 < 200 ms a 100 VUs', 'Normal performance: P95 < 200 ms at 100 VUs'),
          },
          {
            kind: 'stress',
            pattern: t('Montee au-dela de la limite', 'Ramp beyond the limit'),
            users: [100, 600],
            duration: q(15, 'min', estimate('3 paliers de 5 min', '3 steps of 5 min')),
            objective: t('Trouver le point de rupture (erreurs > 1%)', 'Find the breaking point (errors > 1%)'),
          },
          {
            kind: 'spike',
            pattern: t('Pic soudain', 'Sudden burst'),
            users: [0, 1000, 0],
            duration: q(5, 'min', estimate('pic de la campagne marketing', 'marketing campaign peak')),
            objective: t('Resilience a un pic de 1000 users', 'Resilience to a 1000-user burst'),
          },
          {
            kind: 'soak',
            pattern: t('Charge moderee constante', 'Constant moderate load'),
            users: [200],
            duration: q(2, 'h', estimate('2 h couvrent 3 cycles de GC majeurs', '2 h cover 3 major GC cycles')),
            objective: t('Fuites memoire : RSS stable a +/- 5%', 'Memory leaks: RSS stable within 5%'),
          },
        ],
      },
    ],
    [
      'emit_test_script',
      {
        baseUrl: 'http://localhost:3000',
        scenarios: [
          { name: 'smoke', kind: 'smoke', executor: 'constant-vus', vus: 5, duration: '1m' },
          {
            name: 'load',
            kind: 'load',
            executor: 'ramping-vus',
            startTime: '1m',
            stages: [
              { duration: '2m', target: 100 },
              { duration: '5m', target: 100 },
              { duration: '3m', target: 0 },
            ],
          },
        ],
        endpoints: [
          { name: 'list_products', method: 'GET', path: '/api/products', weight: 3, maxDurationMs: 200 },
          { name: 'list_orders', method: 'GET', path: '/api/orders?customer=42', weight: 2, maxDurationMs: 200 },
          { name: 'create_order', method: 'POST', path: '/api/orders', body: { customerId: 42, productId: 7, quantity: 1 }, expectStatus: 201 },
        ],
        thresholds: [
          { metric: 'http_req_duration', expressions: ['p(95)<200', { threshold: 'p(99)<500', abortOnFail: true, delayAbortEval: '30s' }] },
          { metric: 'http_req_failed', expressions: ['rate<0.01'] },
          { metric: 'checks', expressions: ['rate>0.99'] },
        ],
      },
    ],
    [
      'emit_optimisation_plan',
      {
        rows: [
          {
            optimisation: t('Ajouter un index sur orders.customer_id', 'Add an index on orders.customer_id'),
            layer: 'database',
            effort: q(15, 'min', estimate('une migration CREATE INDEX CONCURRENTLY', 'one CREATE INDEX CONCURRENTLY migration')),
            latencyImpact: q(-140, 'ms', computed('145 ms mesures - 5 ms attendus avec index', '145 ms measured - 5 ms expected with the index')),
            latencyMetric: 'P95',
            throughputImpact: q(15, '%', estimate('part de /api/orders dans le trafic (40%)', 'share of /api/orders in traffic (40%)')),
            priority: 'P0',
            category: 'quick_win',
          },
          {
            optimisation: t('Cache Redis sur /api/products (TTL 60 s)', 'Redis cache on /api/products (60 s TTL)'),
            layer: 'infrastructure',
            effort: q(3, 'h', estimate('client Redis deja present dans la stack', 'Redis client already in the stack')),
            latencyImpact: q(-150, 'ms', computed('180 ms mesures - 30 ms attendus sur un hit', '180 ms measured - 30 ms expected on a hit')),
            latencyMetric: 'P50',
            throughputImpact: q(200, '%', estimate('95% de hits avec un TTL de 60 s', '95% hit ratio with a 60 s TTL')),
            priority: 'P0',
            category: 'quick_win',
          },
          {
            optimisation: t('Supprimer le N+1 : une seule requete IN pour les avis', 'Remove the N+1: one IN query for the reviews'),
            layer: 'application',
            effort: q(1, 'd', estimate('refactor de listProducts et tests', 'listProducts refactor and tests')),
            latencyImpact: q(-220, 'ms', computed('520 ms mesures - 300 ms attendus', '520 ms measured - 300 ms expected')),
            latencyMetric: 'P95',
            throughputImpact: q(75, '%', computed('120 req/s vers 210 req/s', '120 req/s to 210 req/s')),
            priority: 'P1',
            category: 'refactoring',
          },
          {
            optimisation: t('Paginer /api/products (20 produits par page)', 'Paginate /api/products (20 products per page)'),
            layer: 'application',
            effort: q(4, 'h', estimate("changement d'API avec le front", 'API change coordinated with the front end')),
            latencyImpact: q(-30, 'ms', estimate('payload divise par 2.5', 'payload divided by 2.5')),
            latencyMetric: 'P50',
            throughputImpact: null,
            priority: 'P2',
            category: 'micro',
          },
        ],
      },
    ],
    [
      'emit_before_after',
      {
        blocks: [
          {
            name: t('Ajouter un index sur orders.customer_id', 'Add an index on orders.customer_id'),
            problem: t('parcours sequentiel de orders a chaque GET /api/orders', 'sequential scan of orders on every GET /api/orders'),
            codeBefore: 'CREATE TABLE orders (\n  id SERIAL PRIMARY KEY,\n  customer_id INTEGER NOT NULL,\n  ...\n);',
            before: { latency: q(145, 'ms', profile(8)), throughput: q(120, 'req/s', k6(23)) },
            solution: t('index B-tree sur customer_id, cree sans verrou', 'B-tree index on customer_id, built without a lock'),
            codeAfter: 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
            after: {
              latency: q(5, 'ms', estimate('lookup par index sur 1 200 000 lignes', 'index lookup over 1,200,000 rows')),
              throughput: q(138, 'req/s', estimate('+15% sur la part /api/orders du trafic', '+15% on the /api/orders share of traffic')),
            },
            explanation: t(
              "la requete passe d'un Seq Scan de 1 200 000 lignes a un Index Scan de 3 lignes en moyenne",
              'the query goes from a Seq Scan of 1,200,000 rows to an Index Scan of 3 rows on average',
            ),
            writtenChange: { latency: -97, throughput: 15 },
          },
          {
            name: t('Cache Redis sur /api/products (TTL 60 s)', 'Redis cache on /api/products (60 s TTL)'),
            problem: t('le catalogue est recalcule a chaque appel (51 requetes SQL)', 'the catalogue is rebuilt on every call (51 SQL queries)'),
            codeBefore: 'res.end(JSON.stringify(await listProducts()));',
            before: { latency: q(180, 'ms', k6(12)), throughput: q(120, 'req/s', k6(23)) },
            solution: t('le JSON serialise est garde 60 s dans Redis', 'the serialised JSON is kept in Redis for 60 s'),
            codeAfter:
              "let body = await redis.get('products:v1');\nif (!body) {\n  body = JSON.stringify(await listProducts());\n  await redis.set('products:v1', body, { EX: 60 });\n}\nres.end(body);",
            after: {
              latency: q(30, 'ms', estimate('95% de hits, GET Redis a 1 ms', '95% hit ratio, 1 ms Redis GET')),
              throughput: q(
                360,
                'req/s',
                estimate('CPU libere par 51 requetes evitees sur 95% des appels', 'CPU freed by skipping 51 queries on 95% of calls'),
              ),
            },
            explanation: t(
              'sur un hit, 0 requete SQL et 0 serialisation au lieu de 51 requetes et 9% du temps CPU',
              'on a hit, 0 SQL queries and 0 serialisation instead of 51 queries and 9% of CPU time',
            ),
          },
          {
            name: t('Supprimer le N+1 : une seule requete IN pour les avis', 'Remove the N+1: one IN query for the reviews'),
            problem: t("une requete d'avis par produit, soit 51 allers-retours vers la base", 'one reviews query per product: 51 round trips to the database'),
            codeBefore: "for (const product of products) {\n  product.reviews = await query('SELECT * FROM reviews WHERE product_id = $1', [product.id]);\n}",
            before: { latency: q(520, 'ms', k6(15)), throughput: q(120, 'req/s', k6(23)) },
            solution: t('une requete IN puis un regroupement en memoire', 'one IN query, then grouping in memory'),
            codeAfter:
              "const ids = products.map((p) => p.id);\nconst reviews = await query('SELECT * FROM reviews WHERE product_id = ANY($1)', [ids]);\nconst byProduct = Map.groupBy(reviews, (r) => r.productId);\nfor (const product of products) product.reviews = byProduct.get(product.id) ?? [];",
            after: {
              latency: q(300, 'ms', estimate('2 requetes au lieu de 51, 4 ms chacune', '2 queries instead of 51, 4 ms each')),
              throughput: q(210, 'req/s', estimate('pool de 20 connexions libere 25 fois plus tot', 'pool of 20 connections released 25 times sooner')),
            },
            explanation: t(
              '2 allers-retours au lieu de 51 : 196 ms de moins par appel a /api/products',
              '2 round trips instead of 51: 196 ms less per call to /api/products',
            ),
            writtenChange: { latency: -42, throughput: 75 },
          },
        ],
      },
    ],
    [
      'emit_load_projections',
      {
        growthAssumption: t(
          "+14% d'utilisateurs actifs par mois (moyenne des 6 derniers mois), 0.06 req/s par utilisateur actif, 1 GB de donnees par tranche de 100 utilisateurs",
          '+14% active users per month (average of the last 6 months), 0.06 req/s per active user, 1 GB of data per 100 users',
        ),
        rows: [
          {
            months: 0,
            users: q(2000, 'users', prod(9)),
            throughput: q(120, 'req/s', k6(23)),
            dbSize: q(40, 'GB', prod(10)),
            infra: '2 pods',
            monthlyCost: q(1400, '$/month', prod(8)),
          },
          {
            months: 3,
            users: q(3000, 'users', computed('2000 x 1.14^3', '2000 x 1.14^3')),
            throughput: q(180, 'req/s', computed('3000 x 0.06', '3000 x 0.06')),
            dbSize: q(50, 'GB', computed('40 GB + 10 x 1 GB', '40 GB + 10 x 1 GB')),
            infra: '3 pods',
            monthlyCost: q(1900, '$/month', estimate('500 $ par pod et par mois', '500 $ per pod per month')),
          },
          {
            months: 6,
            users: q(4400, 'users', computed('2000 x 1.14^6', '2000 x 1.14^6')),
            throughput: q(264, 'req/s', computed('4400 x 0.06', '4400 x 0.06')),
            dbSize: q(64, 'GB', computed('40 GB + 24 x 1 GB', '40 GB + 24 x 1 GB')),
            infra: t('4 pods + read replica', '4 pods + read replica'),
            monthlyCost: q(2800, '$/month', estimate('500 $ par pod, 800 $ la replica', '500 $ per pod, 800 $ for the replica')),
          },
          {
            months: 12,
            users: q(9600, 'users', computed('2000 x 1.14^12', '2000 x 1.14^12')),
            throughput: q(576, 'req/s', computed('9600 x 0.06', '9600 x 0.06')),
            dbSize: q(116, 'GB', computed('40 GB + 76 x 1 GB', '40 GB + 76 x 1 GB')),
            infra: t('8 pods + read replica + Redis', '8 pods + read replica + Redis'),
            monthlyCost: q(5200, '$/month', estimate('8 pods, replica et Redis manage', '8 pods, replica and managed Redis')),
          },
        ],
      },
    ],
    [
      'emit_scaling_triggers',
      {
        rows: [
          {
            metric: 'CPU',
            scaleUp: { value: 70, unit: '%', sustained: { value: 2, unit: 'min' } },
            scaleDown: { value: 30, unit: '%', sustained: { value: 5, unit: 'min' } },
            cooldown: { value: 3, unit: 'min' },
          },
          { metric: 'Memory', scaleUp: { value: 80, unit: '%' }, scaleDown: { value: 40, unit: '%' }, cooldown: { value: 5, unit: 'min' } },
          { metric: 'Request queue', scaleUp: { value: 100, unit: 'count' }, scaleDown: { value: 10, unit: 'count' }, cooldown: { value: 2, unit: 'min' } },
        ],
      },
    ],
    [
      'emit_cost_tradeoffs',
      {
        rows: [
          {
            option: t('Option A : cache Redis 2 GB', 'Option A: 2 GB Redis cache'),
            monthlyCostDelta: q(120, '$/month', estimate('Redis manage 2 GB', 'managed 2 GB Redis')),
            effect: q(-150, 'ms', computed('180 ms - 30 ms sur /api/products', '180 ms - 30 ms on /api/products')),
            effectMetric: t('latence P50', 'P50 latency'),
          },
          {
            option: t('Option B : read replica Postgres', 'Option B: Postgres read replica'),
            monthlyCostDelta: q(800, '$/month', estimate('instance db.m6g.large', 'db.m6g.large instance')),
            effect: q(200, 'req/s', estimate('lectures deportees a 80%', '80% of reads offloaded')),
            effectMetric: 'throughput',
          },
          {
            option: t('Option C : pods 2 vCPU au lieu de 1', 'Option C: 2 vCPU pods instead of 1'),
            monthlyCostDelta: q(1000, '$/month', estimate('2 pods x 500 $', '2 pods x 500 $')),
            effect: q(-40, 'ms', estimate('CPU a 40% au lieu de 78%', 'CPU at 40% instead of 78%')),
            effectMetric: t('latence P95', 'P95 latency'),
          },
        ],
      },
    ],
    [
      'emit_dashboard',
      {
        rows: [
          { panel: 'red', metrics: ['req/s', 'error%', 'latency P50/P95/P99'], tool: 'Grafana + Prometheus' },
          { panel: 'use', metrics: ['CPU', 'Memory', 'Disk I/O', 'Network', 'DB pool'], tool: 'Node Exporter + postgres_exporter' },
          { panel: 'business', metrics: [t('Utilisateurs actifs', 'Active users'), t('commandes/min', 'orders/min')], tool: 'Custom metrics' },
        ],
      },
    ],
    [
      'emit_alerting_rules',
      {
        rows: [
          {
            alert: 'High Latency',
            metric: 'P95',
            comparator: '>',
            threshold: { value: 500, unit: 'ms' },
            duration: { value: 5, unit: 'min' },
            severity: 'warning',
            action: t('Investiguer', 'Investigate'),
          },
          {
            alert: 'Error Spike',
            metric: 'Error rate',
            comparator: '>',
            threshold: { value: 1, unit: '%' },
            duration: { value: 2, unit: 'min' },
            severity: 'critical',
            action: t('Page on-call', 'Page on-call'),
          },
          {
            alert: 'Memory Leak',
            metric: 'Memory',
            comparator: '>',
            threshold: { value: 80, unit: '%' },
            duration: { value: 30, unit: 'min' },
            severity: 'warning',
            action: t('Investiguer', 'Investigate'),
          },
          {
            alert: 'DB Saturation',
            metric: t('Connexions DB', 'DB connections'),
            comparator: '>',
            threshold: { value: 80, unit: '%' },
            duration: { value: 5, unit: 'min' },
            severity: 'critical',
            action: t('Scaler ou optimiser', 'Scale or optimise'),
          },
        ],
      },
    ],
    [
      'emit_slo_dashboard',
      {
        rows: [{ service: t('API principale', 'Main API'), observedErrorRate: q(0.06, '%', prod(6)), windowDays: 30, elapsedDays: 12 }],
      },
    ],
  ];
}
