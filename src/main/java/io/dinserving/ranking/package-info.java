/** Orders scored candidates: plain Java over scores, no Spring, no DJL and no other package. */
package io.dinserving.ranking;
