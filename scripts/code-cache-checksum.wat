;; The checksum bin/nps.cjs keeps beside V8's code cache: a 64-bit hash of memory[start, end),
;; read in 32-byte blocks by four independent lanes (so that no lane waits on another's multiply)
;; and folded at the end. The caller leaves zeros after `end` up to the next multiple of 32.
;; Each step (xor in a word, rotate, multiply by an odd constant) is one-to-one on the lane, so a
;; changed word always changes the result; damage in several words is missed with odds of about
;; 2^-64. Not cryptographic: it finds damage, not tampering. Base64 in bin/nps.cjs; a test checks
;; that it is what this file assembles to.
(module
  (import "cache" "memory" (memory 1))
  (func (export "checksum") (param $start i32) (param $end i32) (result i64)
    (local $i i32) (local $a i64) (local $b i64) (local $c i64) (local $d i64)
    (local.set $i (local.get $start))
    (local.set $a (i64.const 1))
    (local.set $b (i64.const 2))
    (local.set $c (i64.const 3))
    (local.set $d (i64.const 4))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $a (i64.mul (i64.rotl (i64.xor (local.get $a) (i64.load offset=0 (local.get $i))) (i64.const 29)) (i64.const 0xBF58476D1CE4E5B9)))
        (local.set $b (i64.mul (i64.rotl (i64.xor (local.get $b) (i64.load offset=8 (local.get $i))) (i64.const 29)) (i64.const 0xBF58476D1CE4E5B9)))
        (local.set $c (i64.mul (i64.rotl (i64.xor (local.get $c) (i64.load offset=16 (local.get $i))) (i64.const 29)) (i64.const 0xBF58476D1CE4E5B9)))
        (local.set $d (i64.mul (i64.rotl (i64.xor (local.get $d) (i64.load offset=24 (local.get $i))) (i64.const 29)) (i64.const 0xBF58476D1CE4E5B9)))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br $block)))
    (i64.xor
      (i64.xor (local.get $a) (i64.rotl (local.get $b) (i64.const 16)))
      (i64.xor (i64.rotl (local.get $c) (i64.const 32)) (i64.rotl (local.get $d) (i64.const 48))))))
