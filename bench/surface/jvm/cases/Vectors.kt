// Primitive vectors in uniffi's Kotlin API: List<Int>, List<Double>.
package surfacebench.cases

internal fun intInput(n: Int): List<Int> = List(n) { it }

internal fun doubleInput(n: Int): List<Double> = List(n) { it.toDouble() * 0.5 }

internal fun isInts(v: Any?, n: Int): Boolean = v is List<*> && v.size == n && (0 until n).all { v[it] == it }

internal fun isDoubles(v: Any?, n: Int): Boolean =
    v is List<*> && v.size == n && (0 until n).all { v[it] == it.toDouble() * 0.5 }
