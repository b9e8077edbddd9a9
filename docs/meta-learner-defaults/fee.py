# Paired signed-rank test of K = 20 against K = 0 per model on features-explain-everything (docs/meta-learner-defaults.md): python3 fee.py OUT
import json,sys,collections
from scipy.stats import wilcoxon
d=collections.defaultdict(dict)
for line in open(sys.argv[1]+'/per_user.jsonl'):
    r=json.loads(line)
    if r['scenario']!='features-explain-everything' or r['metric']!='oracle_ndcg@10' or r['protocol']!='cold-start': continue
    d[(r['model'],r['shots'])][r['user']]=r['value']
models=sorted({m for m,_ in d})
for m in models:
    a=d[(m,0)]; b=d[(m,20)]
    us=[u for u in a if u in b]
    diff=[b[u]-a[u] for u in us]
    mean=sum(diff)/len(diff)
    nz=[x for x in diff if x!=0]
    p=wilcoxon(nz).pvalue if nz else 1
    print(m,len(us),round(mean,4),round(p,4),'PASS' if (mean<=0 or p>0.05) else 'FAIL')
