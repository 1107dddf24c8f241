/** Orders scored candidates: plain Java over scores, no Spring and no DJL. */
package io.dinserving.ranking;
