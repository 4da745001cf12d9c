"""A stand-in engine library whose import fails with something other than ImportError
(``fake-broken-import`` in fakes.py): the pool's fork server must survive it."""

raise RuntimeError("this library cannot be imported here")
