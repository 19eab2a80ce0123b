;; The CSV scanner's first pass (csv-structural.ts): where in a block of bytes the delimiter,
;; the double quote, LF and CR stand. Sixteen bytes are compared at once (SIMD); the positions
;; of the bytes that matched are written out as 32-bit integers, in order.
;;
;; structural(input, length, output, breaks, quotes, delimiter) -> count
;;   reads memory[input … input + length), rounded up to a multiple of 16: the caller leaves
;;   zero bytes after the block (never a delimiter), so the last partial block finds nothing
;;   beyond it. Writes positions relative to `input` at output, output + 4, …; and for each line
;;   break (LF or CR), its index in that list at breaks, breaks + 4, … and the number of quotes
;;   before it at quotes, quotes + 4, …; after the last, `count` and the number of quotes in
;;   all. A scanner finds where a record ends, and whether it holds a quote, without looking at
;;   its delimiters one by one.
(module
  (memory (export "memory") 1)
  (func (export "structural") (param $input i32) (param $length i32) (param $output i32) (param $breaks i32) (param $quotes i32) (param $delimiter i32) (result i32)
    (local $at i32) (local $count i32) (local $block v128) (local $mask i32) (local $lines i32) (local $quoted i32)
    (local $broken i32) (local $quoteCount i32) (local $below i32)
    (local $delimiters v128) (local $quoteBytes v128) (local $lfs v128) (local $crs v128)
    (local.set $delimiters (i8x16.splat (local.get $delimiter)))
    (local.set $quoteBytes (i8x16.splat (i32.const 0x22)))
    (local.set $lfs (i8x16.splat (i32.const 0x0a)))
    (local.set $crs (i8x16.splat (i32.const 0x0d)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $block (v128.load (i32.add (local.get $input) (local.get $at))))
        ;; One bit per byte of the block: line breaks; quotes; any of the four.
        (local.set $lines (i8x16.bitmask
          (v128.or (i8x16.eq (local.get $block) (local.get $lfs)) (i8x16.eq (local.get $block) (local.get $crs)))))
        (local.set $quoted (i8x16.bitmask (i8x16.eq (local.get $block) (local.get $quoteBytes))))
        (local.set $mask (i32.or (i32.or (local.get $lines) (local.get $quoted))
          (i8x16.bitmask (i8x16.eq (local.get $block) (local.get $delimiters)))))
        ;; Each line break: the positions before it (in the blocks before, then the bits of the
        ;; block's mask below its own), and the quotes before it, counted the same way.
        (block $noted
          (loop $line
            (br_if $noted (i32.eqz (local.get $lines)))
            (local.set $below (i32.sub (i32.and (local.get $lines) (i32.sub (i32.const 0) (local.get $lines))) (i32.const 1)))
            (i32.store
              (i32.add (local.get $breaks) (i32.shl (local.get $broken) (i32.const 2)))
              (i32.add (local.get $count) (i32.popcnt (i32.and (local.get $mask) (local.get $below)))))
            (i32.store
              (i32.add (local.get $quotes) (i32.shl (local.get $broken) (i32.const 2)))
              (i32.add (local.get $quoteCount) (i32.popcnt (i32.and (local.get $quoted) (local.get $below)))))
            (local.set $broken (i32.add (local.get $broken) (i32.const 1)))
            (local.set $lines (i32.and (local.get $lines) (i32.sub (local.get $lines) (i32.const 1))))
            (br $line)))
        (local.set $quoteCount (i32.add (local.get $quoteCount) (i32.popcnt (local.get $quoted))))
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
    (i32.store (i32.add (local.get $breaks) (i32.shl (local.get $broken) (i32.const 2))) (local.get $count))
    (i32.store (i32.add (local.get $quotes) (i32.shl (local.get $broken) (i32.const 2))) (local.get $quoteCount))
    (local.get $count)))
