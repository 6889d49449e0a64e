import json,os,sys
import pathlib; root=sys.argv[1] if len(sys.argv) > 1 else str(pathlib.Path(__file__).resolve().parent / "blind4"); bad=0
for slug in sorted(os.listdir(root)):
    p=os.path.join(root,slug)
    if not os.path.isdir(p): continue
    if not os.path.exists(os.path.join(p,'expect.json')): print(slug,'MISSING expect'); continue
    e=json.load(open(os.path.join(p,'expect.json')))
    fn='input.md' if e['format']=='markdown' else 'input.txt'
    t=open(os.path.join(p,fn),encoding='utf-8').read()
    probs=[]
    spans=[]
    for kind in ('remove','keep'):
        for s in e[kind]:
            c=t.count(s)
            if c==0 or (kind=='remove' and c!=1): probs.append(f'{kind} count={c}')  # a kept headline may repeat (a digest's contents)
            i=t.find(s)
            if i>=0: spans.append((kind,i,i+len(s),s))
    for r in e['remove']:
        for k in e['keep']:
            if r in k or k in r: probs.append('a remove snippet and a keep snippet contain one another')
    for a in spans:
        for b in spans:
            if a[0]=='remove' and b[0]=='keep' and a[1]<b[2] and b[1]<a[2]:
                probs.append('a remove snippet overlaps a keep snippet')
    print(f"{slug:32s} {e['format']:8s} {len(t.encode())/1024:5.1f}KB rm={len(e['remove']):2d} keep={len(e['keep']):2d} {'OK' if not probs else 'PROBLEMS'}")
    for x in probs: print('   ',x); bad+=1
sys.exit(1 if bad else 0)
