# Prints the sweep table of result folders (docs/meta-learner-defaults.md): python3 table.py OUT...
import json,sys,collections
for path in sys.argv[1:]:
    r=json.load(open(path+'/results.json'))
    rows=r['rows'] if 'rows' in r else r['results']
    t=collections.defaultdict(dict)
    metric=None
    for row in rows:
        m=row['metric']
        if m!='oracle_ndcg@10' and not (m=='ndcg@10' and 'oracle_ndcg@10' not in [x['metric'] for x in rows[:50]]): continue
        if row.get('protocol','cold-start')!='cold-start': continue
        seg=row.get('segment','all')
        key=('val' if seg=='validation' else 'K%s'%row['shots']) if seg in ('all','validation') else None
        if key is None: continue
        t[row['model']][key]=row['value']
    secs={c['model']:c['seconds'] for c in r['header']['timings']['cells']}
    errs={c['model']:c.get('error') for c in r['header']['timings']['cells'] if c.get('error')}
    ks=sorted({k for v in t.values() for k in v if k.startswith('K')},key=lambda k:int(k[1:]))
    print(path); print('| model | '+' | '.join(ks)+' | gain | val@K%s | cell s |'%ks[-1][1:] if ks else '')
    print('|---'*(len(ks)+4)+'|')
    for m,v in t.items():
        g=v.get(ks[-1],0)-v.get(ks[0],0)
        print('| %s | '%m+' | '.join('%.3f'%v.get(k,float('nan')) for k in ks)+' | %+.3f | %.3f | %.1f |'%(g,v.get('val',float('nan')),secs.get(m,0)))
    for m,e in errs.items(): print('ERROR',m,e[:200])
