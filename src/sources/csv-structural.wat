;; The CSV scanner's first pass (csv-structural.ts): where in a block of bytes the delimiter,
;; the double quote, LF and CR stand. Sixteen bytes are compared at once (SIMD); the positions
;; of the bytes that matched are written out as 32-bit integers, in order.
;;
;; structural(input, length, output, delimiter) -> count
;;   reads memory[input … input + length), rounded up to a multiple of 16: the caller leaves
;;   zero bytes after the block (never a delimiter), so the last partial block finds nothing
;;   beyond it. Writes positions relative to `input` at output, output + 4, …
(module
  (memory (export "memory") 1)
  (func (export "structural") (param $input i32) (param $length i32) (param $output i32) (param $delimiter i32) (result i32)
    (local $at i32) (local $count i32) (local $block v128) (local $mask i32)
    (local $delimiters v128) (local $quotes v128) (local $lfs v128) (local $crs v128)
    (local.set $delimiters (i8x16.splat (local.get $delimiter)))
    (local.set $quotes (i8x16.splat (i32.const 0x22)))
    (local.set $lfs (i8x16.splat (i32.const 0x0a)))
    (local.set $crs (i8x16.splat (i32.const 0x0d)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $block (v128.load (i32.add (local.get $input) (local.get $at))))
        ;; One bit per byte of the block that is any of the four.
        (local.set $mask (i8x16.bitmask
          (v128.or
            (v128.or (i8x16.eq (local.get $block) (local.get $delimiters)) (i8x16.eq (local.get $block) (local.get $quotes)))
            (v128.or (i8x16.eq (local.get $block) (local.get $lfs)) (i8x16.eq (local.get $block) (local.get $crs))))))
        ;; Each set bit, lowest first: its position, then the bit cleared.
        (block $written
          (loop $bits
            (br_if $written (i32.eqz (local.get $mask)))
            (i32.store
              (i32.add (local.get $output) (i32.shl (local.get $count) (i32.const 2)))
              (i32.add (local.get $at) (i32.ctz (local.get $mask))))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $blocks)))
    (local.get $count)))
