# Shrinks a validity scenario and replaces its models (docs/meta-learner-defaults.md):
# python3 vshrink.py SCENARIO USERS ITEMS "model;{name: m, label: l, params: {...}}"
import sys
src,users,items,models=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),sys.argv[4].split(';')
lines=open(src).read().split('\n')
out=[]
skip=False
for l in lines:
    if l.startswith('  users:'): l='  users: %d'%users
    if l.startswith('  items:'): l='  items: %d'%items
    if l=='models:':
        out.append(l); out += ['  - '+m for m in models]; skip=True; continue
    if skip and l.startswith('  - '): continue
    skip=False
    out.append(l)
    if l.startswith('    shots:'): out.append('    bootstrap_resamples: 20')
print('\n'.join(out))
