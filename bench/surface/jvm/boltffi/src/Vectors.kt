// Primitive vectors in BoltFFI's Kotlin API: IntArray, DoubleArray.
package surfacebench.cases

internal fun intInput(n: Int): IntArray = IntArray(n) { it }

internal fun doubleInput(n: Int): DoubleArray = DoubleArray(n) { it.toDouble() * 0.5 }

internal fun isInts(v: Any?, n: Int): Boolean = v is IntArray && v.size == n && (0 until n).all { v[it] == it }

internal fun isDoubles(v: Any?, n: Int): Boolean =
    v is DoubleArray && v.size == n && (0 until n).all { v[it] == it.toDouble() * 0.5 }
