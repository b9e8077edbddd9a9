# Shrinks a shipped scenario for the meta-learner defaults sweep (docs/meta-learner-defaults.md):
# python3 shrink.py SCENARIO NAME USERS ITEMS MODELS_FILE > out.yaml
import sys,re
src,name,users,items,models=sys.argv[1],sys.argv[2],int(sys.argv[3]),int(sys.argv[4]),sys.argv[5]
text=open(src).read()
world=text.split('\nprotocols:')[0]
metrics=[l for l in text.split('\n') if l.startswith('metrics:')][-1]
out=[]
for line in world.split('\n'):
    if line.startswith('name:'): line='name: '+name
    line=re.sub(r'^  users: \d+','  users: %d'%users,line)
    line=re.sub(r'^  items: \d+','  items: %d'%items,line)
    out.append(line)
rel = re.search(r'relevance_threshold: [\d.]+', text)
out.append('protocols:\n  cold_start:\n    shots: [0, 5, 10]\n    min_query: 10\n    bootstrap_resamples: 50'+('\n    '+rel.group(0) if rel else ''))
out.append('models:')
out += ['  - '+m for m in open(models).read().strip().split('\n')]
out.append(metrics)
print('\n'.join(out))
